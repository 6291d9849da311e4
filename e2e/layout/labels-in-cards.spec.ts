import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { createDemoWhatsAppDraft } from "../fixtures/demo-campaign";
import { ADMIN, signIn } from "../fixtures/users";

// The main forms at a laptop's size: every label and legend lies inside each fieldset (card) and
// form around it. A floated legend once pushed "Points earned" and "Campaign name" beside it,
// outside the card, which no other check noticed.

test.use({ viewport: { width: 1440, height: 900 } });

/** Labels and legends of `page`'s forms that stick out of a fieldset or form they belong to. */
function labelsOutsideTheirCards(page: Page) {
  return page.locator("main").evaluate((main) => {
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 1 &&
      inner.right <= outer.right + 1 &&
      inner.top >= outer.top - 1 &&
      inner.bottom <= outer.bottom + 1;
    const outside: string[] = [];
    for (const el of main.querySelectorAll("form label, form legend, fieldset label, fieldset legend")) {
      // Screen-reader-only text is a 1px box by design.
      const own = el.getBoundingClientRect();
      if (own.width <= 1 && own.height <= 1) continue;
      // What the label shows, which may overflow its own box (a flex label squeezed to no width).
      const range = document.createRange();
      range.selectNodeContents(el);
      const box = range.getBoundingClientRect();
      if (!box.width && !box.height) continue;
      for (
        let card = el.parentElement?.closest("fieldset, form");
        card;
        card = card.parentElement?.closest("fieldset, form")
      ) {
        if (!inside(box, card.getBoundingClientRect())) {
          outside.push(`"${el.textContent?.trim()}" outside its ${card.tagName.toLowerCase()}`);
          break;
        }
      }
    }
    return outside;
  });
}

/** `open`: the button that shows the form (a contact's Edit). */
async function expectLabelsInside(page: Page, path: string, ready: string, open?: string) {
  await page.goto(path);
  if (open) await page.getByRole("button", { name: open, exact: true }).click();
  // Not exact: a label's text includes its Responsys column name (hidden from screen readers).
  await expect(page.getByLabel(ready).first()).toBeVisible();
  expect(await labelsOutsideTheirCards(page), path).toEqual([]);
}

test("the main forms keep their labels inside their cards at 1440×900", async ({ page }) => {
  await signIn(page, ADMIN);

  const id = await createDemoWhatsAppDraft(page.request, `Layout check ${Date.now()}`);
  // The template's placeholder row shows once the whole builder has loaded.
  await expectLabelsInside(page, `/campaigns/${id}`, "Placeholder {{1}}");
  await expect(page.getByLabel("Campaign name")).toBeVisible();

  await expectLabelsInside(page, "/contacts/new", "Mobile number");
  await page.goto("/contacts");
  const contact = await page.locator('main a[href^="/contacts/"][href*="-"]').first().getAttribute("href");
  await expectLabelsInside(page, contact ?? "", "Mobile number", "Edit");

  await expectLabelsInside(page, "/loyalty", "Text for Points earned");
  await expect(page.getByLabel("Points earned", { exact: true })).toBeVisible();

  await page.goto("/integrations");
  const wizards = await page
    .locator('main a[href^="/integrations/new/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(wizards.length).toBeGreaterThan(3);
  for (const wizard of wizards) await expectLabelsInside(page, wizard, "Label");
});
