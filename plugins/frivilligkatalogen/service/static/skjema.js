// The robot check of the form service: ALTCHA's widget (a proof of work the browser solves,
// served from here, nothing from another host), its worker, and its words from the page, which
// come from the locale file. Without JavaScript the forms still work; the answer is then marked
// for the coordinator to look at more closely.
import "./altcha/altcha.min.js";

const words = document.getElementById("altcha-ord");
if (words) {
  globalThis.$altcha.i18n.set(document.documentElement.lang, JSON.parse(words.textContent));
}
globalThis.$altcha.algorithms.set(
  "PBKDF2/SHA-256",
  () => new Worker(new URL("./altcha/pbkdf2.js", import.meta.url)),
);
