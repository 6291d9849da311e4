// The sandbox's vendor accounts. Each fake accepts its fixed demo account and any number of
// further accounts whose credentials say their name, e.g. Wavy's `demo` and `demo-7f3a9c01`,
// all with the same sandbox password and the demo account's numbers and templates. A fake tells
// its accounts apart only where a real vendor does so visibly: the callbacks an account's
// requests cause go to the URLs registered for that account (see callbacks.ts).

// Lower case only: Mitto's account is named by an email address, which is matched lower-cased.
const NAME = "[a-z0-9._-]{1,64}";
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One kind of credential of the sandbox's accounts: the demo account's is `head + tail`,
 * account `name`'s is `head + separator + name + tail`.
 */
export function credentialForm(head: string, separator: string, tail = "") {
  const pattern = new RegExp(`^${escape(head)}(?:${escape(separator)}(${NAME}))?${escape(tail)}$`);
  return {
    /** The credential of account `name`; the demo account's without one. */
    of: (name?: string) => (name ? `${head}${separator}${name}${tail}` : `${head}${tail}`),
    /** The account a credential belongs to: "" for the demo account, null when it is of no account. */
    nameIn: (credential: string): string | null => {
      const match = pattern.exec(credential);
      return match ? (match[1] ?? "") : null;
    },
    /** How the accepted credentials look, for refusals and the README. */
    forms: `${head}${tail} or ${head}${separator}<name>${tail}`,
  };
}

/** How a fake that sends callbacks names its accounts, for the control API. */
export type SandboxAccounts = {
  /** The account of registrations and simulated messages that name none. */
  demo: string;
  /** The account a control request names by one of its credentials, or null when there is none. */
  find: (credential: string) => string | null;
  /** The credentials `find` accepts, for the refusal of another. */
  forms: string;
};

/**
 * Which account last wrote to each customer number. The sandbox's accounts share their numbers,
 * so a customer writing in answers whichever account wrote to them; a simulated inbound message
 * goes to the account it names, else to that one, else to the demo account.
 */
export function lastWriters(demo: string) {
  const byNumber = new Map<string, string>();
  const digits = (number: string) => number.replace(/\D/g, "");
  return {
    wrote: (account: string, number: string) => void byNumber.set(digits(number), account),
    accountFor: (number: string, named?: string) => named ?? byNumber.get(digits(number)) ?? demo,
  };
}
