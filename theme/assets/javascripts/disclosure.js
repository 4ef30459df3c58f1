// Loaded in the page's head (theme/main.html), so the 长辈 mode is set before the first paint.
// The compliance dashboard has its own script (dashboard.js). No dependencies.

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
