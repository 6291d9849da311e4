// How a framed app page talks to Responsys App Management: postMessage to the parent frame
// (issue 6 contract). AMS's origin is not known to the app, and the message carries no
// secret, so it is posted to any origin.
export function notifyProduct(action: "save" | "close", payload: Record<string, unknown> = {}) {
  window.parent.postMessage({ amsAction: "notifyProduct", notifyProduct: action, status: "approved", payload }, "*");
}
