// One format for everything (`npx prettier --write .`); `npm test` checks it. The Tailwind
// plugin orders class names the way Tailwind v4 reads this project's stylesheet.
/** @type {import("prettier").Config & import("prettier-plugin-tailwindcss").PluginOptions} */
export default {
  printWidth: 120,
  plugins: ["prettier-plugin-tailwindcss"],
  tailwindStylesheet: "./app/globals.css",
};
