// Loaded in the page's head (theme/main.html), so the 长辈 mode is set before the first paint.
// No dependencies.

// 长辈模式 (适老化, MIIT 2021): larger text, higher contrast, wider lines (disclosure.css,
// html[data-elder="on"]); switched by the header button and remembered in localStorage.
(function () {
  var KEY = "disclosure.elder";
  var root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function apply(on) {
    if (on) root.dataset.elder = "on"; else delete root.dataset.elder;
    var button = document.getElementById("disclosure-elder");
    if (button) {
      // A toggle button keeps its name; aria-pressed says whether it is on.
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("disclosure-elder");
    apply(stored());
    if (!button) return;
    button.addEventListener("click", function () {
      var on = root.dataset.elder !== "on";
      try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode: this page only */ }
      apply(on);
    });
  });
})();

// Compliance dashboard: sort by a column, filter by level and league.
document.addEventListener("DOMContentLoaded", function () {
  var table = document.getElementById("compliance-table");
  if (!table) return;
  var body = table.tBodies[0];
  var level = document.getElementById("filter-level");
  var league = document.getElementById("filter-league");
  function filter() {
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = (!level.value || row.dataset.level === level.value) &&
               (!league.value || row.dataset.league === league.value);
      row.hidden = !ok;
    });
  }
  level.addEventListener("change", filter);
  league.addEventListener("change", filter);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
    var ascending = true;
    cell.addEventListener("click", function () {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].textContent.trim(), y = b.cells[index].textContent.trim();
        var nx = parseFloat(x), ny = parseFloat(y);
        var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
        return ascending ? r : -r;
      });
      ascending = !ascending;
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
