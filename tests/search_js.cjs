// Runs the theme's search.js in node, as the browser would on a search page with no
// query, and answers for each case of the table on stdin: the query's words
// (toBigrams) and the index's words read back (fromBigrams), as JSON on stdout.
// search.js itself is not changed for this: it publishes the two functions on
// window.disclosureSearch, and the page around it is a few stubs here.
// usage: node tests/search_js.cjs theme/assets/javascripts/search.js < cases.json
"use strict";
const fs = require("fs");
const vm = require("vm");

function element() {
  return {
    dataset: {},
    addEventListener() {},
    querySelector() { return element(); },
    getAttribute() { return null; },
    setAttribute() {},
    removeAttribute() {},
  };
}

const context = {
  window: { location: { search: "" } },
  document: {
    baseURI: "http://localhost/search/",
    documentElement: element(),
    getElementById() { return element(); },
    querySelector() { return null; },
    querySelectorAll() { return []; },
    addEventListener() {},
  },
  fetch() { throw new Error("no network in this test"); },
  history: { replaceState() {} },
  URL, URLSearchParams, setTimeout, clearTimeout, Promise,
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), context, { filename: process.argv[2] });
const search = context.window.disclosureSearch;
if (!search || typeof search.toBigrams !== "function" || typeof search.fromBigrams !== "function") {
  throw new Error("search.js no longer publishes window.disclosureSearch.toBigrams/fromBigrams");
}
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map((c) => ({
  query: search.toBigrams(c.text),
  read_back: search.fromBigrams(c.index, false),
}))));
