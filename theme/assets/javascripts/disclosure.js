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

// The Mongolian pages (mn/): their text is a row of vertical columns that scrolls sideways
// (mongolian.css). A mouse wheel turned over it scrolls it left and right, as in Mongolian
// software (W3C, Mongolian Layout Requirements, "Mouse pointer rules"); at either end, and
// with a horizontal wheel or a touch pad, the page scrolls as usual.
(function () {
  document.addEventListener("wheel", function (event) {
    var region = event.target.closest && event.target.closest(".disclosure-mn");
    if (!region || event.ctrlKey || Math.abs(event.deltaX) >= Math.abs(event.deltaY)) return;
    var room = region.scrollWidth - region.clientWidth;
    if (room <= 0) return;
    var step = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaMode === 2 ? event.deltaY * region.clientWidth : event.deltaY;
    var left = region.scrollLeft;
    if ((step < 0 && left <= 0) || (step > 0 && left >= room - 1)) return;
    region.scrollLeft = left + step;
    event.preventDefault();
  }, { passive: false });
})();
