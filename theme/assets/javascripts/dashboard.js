// The compliance dashboard (templates/disclosure/dashboard.html): sort by a column, filter by
// level.  A header's text is a <button>, so a keyboard sorts too; the sorted column
// says so with aria-sort.  A cell's data-sort (a count) sorts before its text.  No dependencies.
(function () {
  function ready(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }
  ready(function () {
    var table = document.getElementById("compliance-table");
    if (!table || table.dataset.sorting) return;
    table.dataset.sorting = "dashboard.js";
    var body = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    function key(row, index) {
      var cell = row.cells[index];
      var sort = cell && cell.getAttribute("data-sort");
      return sort !== null && sort !== undefined ? sort : (cell ? cell.textContent.trim() : "");
    }
    headers.forEach(function (th, index) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function (event) {
        event.stopPropagation();  // the header cell itself sorts nothing
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, index), y = key(b, index);
          var nx = Number(x), ny = Number(y);
          var r = (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
    var level = document.getElementById("filter-level");
    function filter() {
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = !(!level || !level.value || row.dataset.level === level.value);
      });
    }
    if (level) level.addEventListener("change", filter);
  });
})();
