// Compliance dashboard: sort by a column, filter by level and league. No dependencies.
(function () {
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
})();
