// The organization index's name search (templates/disclosure/org_index.html): the reader picks
// a league (or the region's own level) and types part of a name; the organizations of that
// group come from orgs/names/<n>.json (one file per league: never the whole region), fetched
// once each.  Results are written as text, never as HTML.  Without JavaScript the form stays
// hidden and the tree below still leads to every organization.  No dependencies.
(function () {
  var SHOWN = 100;
  function ready(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }
  // An organization's page: the button that prints its bulletin-board sheet (the sheet is a
  // part of the page only a printer shows: disclosure.css).  Without JavaScript the hint
  // in its place says to print the page.
  ready(function () {
    var button = document.querySelector(".disclosure-print-button");
    if (!button) return;
    button.hidden = false;
    var hint = document.querySelector(".disclosure-print-hint");
    if (hint) hint.hidden = true;
    button.addEventListener("click", function () { window.print(); });
  });
  ready(function () {
    var form = document.querySelector(".disclosure-org-search");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "orgs.js";
    var group = document.getElementById("disclosure-org-group");
    var query = document.getElementById("disclosure-org-query");
    var status = document.getElementById("disclosure-org-status");
    var results = document.getElementById("disclosure-org-results");
    var loaded = {};
    function load(href) {
      if (!loaded[href]) {
        loaded[href] = fetch(href).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
      }
      return loaded[href];
    }
    var asked = 0;
    function search() {
      var words = query.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var mine = ++asked;
      results.textContent = "";
      if (!words.length) { status.textContent = ""; return; }
      var href = new URL(group.value, document.baseURI).href;
      load(href).then(function (data) {
        if (mine !== asked) return;  // a later keystroke has its own answer
        var found = data.orgs.filter(function (o) {
          var name = o[0].toLowerCase();
          return words.every(function (w) { return name.indexOf(w) >= 0; });
        });
        status.textContent = found.length
          ? "在" + data.group + "找到 " + found.length + " 个组织" + (found.length > SHOWN ? "，显示前 " + SHOWN + " 个" : "")
          : "在" + data.group + "未找到名称含“" + query.value.trim() + "”的组织";
        found.slice(0, SHOWN).forEach(function (o) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = o[1];
          a.textContent = o[0];
          li.appendChild(a);
          if (o[2]) {
            var small = document.createElement("small");
            small.textContent = " 上级：" + o[2];
            li.appendChild(small);
          }
          results.appendChild(li);
        });
      }, function () {
        if (mine === asked) status.textContent = "暂时无法查找，请稍后再试";
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
    query.addEventListener("input", search);
    group.addEventListener("change", search);
    form.hidden = false;
  });
})();
