// Search page (search/): Pagefind's default UI over this build's index, served from this
// site (../pagefind/), never a CDN. The header form sends the query as ?q=.
//
// The index stores Chinese as bigram words spelled in letters (site_plugins/plugins/
// search.py): 巡视整改 is indexed as the words for 巡视 视整 整改 改. A query is turned into
// the same words here, and results are turned back into plain text before they are shown.
(function () {
  "use strict";
  var element = document.getElementById("disclosure-search");
  if (!element || typeof PagefindUI === "undefined") return;

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var HAN_RUN = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)/;

  var PREFIX = "hz";
  var ENCODED = /^hz([a-z]{4})(?:[a-z]{4})?$/;

  // A Han character as four lowercase letters: its code point in base 26.
  function letters(ch) {
    var number = ch.charCodeAt(0), out = "";
    for (var i = 0; i < 4; i++) {
      out = String.fromCharCode(97 + number % 26) + out;
      number = Math.floor(number / 26);
    }
    return out;
  }

  function character(code) {
    var number = 0;
    for (var i = 0; i < 4; i++) number = number * 26 + code.charCodeAt(i) - 97;
    return String.fromCharCode(number);
  }

  // 巡视整改 → the words of 巡视 视整 整改; a single character stays a prefix of every
  // word that begins with it.
  function toBigrams(query) {
    var quoted = /^\s*".+"\s*$/.test(query);
    var text = quoted ? query.trim().slice(1, -1) : query;
    var words = [];
    text.split(HAN_RUN).forEach(function (piece) {
      if (!piece) return;
      if (HAN.test(piece)) {
        if (piece.length === 1) words.push(PREFIX + letters(piece));
        for (var i = 0; i + 1 < piece.length; i++) words.push(PREFIX + letters(piece[i]) + letters(piece[i + 1]));
      } else {
        piece.split(/\s+/).forEach(function (w) { if (w) words.push(w); });
      }
    });
    highlights = text.split(/[\s"]+/).filter(function (w) { return w.length > 0; })
      .sort(function (a, b) { return b.length - a.length; });
    var term = words.join(" ");
    // One Chinese word (the usual query) is searched as an exact phrase of its bigrams:
    // Pagefind drops a term that occurs nowhere instead of failing the search, so without
    // the quotes 党费收缴 would match any page with 收缴 where no page has 党费.
    var oneRun = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}$/.test(text.trim());
    return (quoted || oneRun) ? '"' + term + '"' : term;
  }

  // The words of the last query, to highlight in results as they are written.
  var highlights = [];

  // The words of "巡视整改，任务" → "巡视整改，任务": each encoded word gives its first
  // character, no spaces around Chinese; then mark the query's words. Pagefind's own marks
  // are on encoded words, so they are replaced rather than converted.
  function fromBigrams(html, mark) {
    if (!html) return html;
    var out = "";
    var previousLatin = false;
    html.replace(/<\/?mark>/g, "").split(/\s+/).forEach(function (token) {
      if (!token) return;
      var encoded = ENCODED.exec(token);
      if (encoded) {
        out += character(encoded[1]);
        previousLatin = false;
      } else {
        var latin = /^[\w\-.%&;#]+$/.test(token);
        if (latin && previousLatin) out += " ";
        out += token;
        previousLatin = latin;
      }
    });
    if (!mark) return out;  // titles are shown as text, not HTML
    highlights.forEach(function (word) {
      out = out.split(word).join("\u0000" + word + "\u0001");
    });
    return out.replace(/\u0001\u0000/g, "").replace(/\u0000/g, "<mark>").replace(/\u0001/g, "</mark>");
  }

  function restore(result) {
    result.excerpt = fromBigrams(result.excerpt, true);
    (result.sub_results || []).forEach(function (sub) {
      sub.title = fromBigrams(sub.title, false);
      sub.excerpt = fromBigrams(sub.excerpt, true);
    });
    return result;
  }

  // Pagefind chooses its query segmenter by <html lang>: "zh" would run the browser's
  // Intl.Segmenter over our bigrams. `cmn-Hans` (Mandarin, simplified script) is the same
  // language under a tag Pagefind leaves alone, and it selects the `cmn` index.
  var lang = document.documentElement.getAttribute("lang");
  document.documentElement.setAttribute("lang", "cmn-Hans");

  var ui = new PagefindUI({
    element: element,
    bundlePath: element.dataset.bundle,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    excerptLength: 60,
    // Exact phrases have no relevance score; the newest item first is what a reader of
    // disclosures expects (data-pagefind-sort="date", added when indexing).
    sort: { date: "desc" },
    processTerm: toBigrams,
    processResult: restore,
    translations: {
      placeholder: "搜索公开事项",
      clear_search: "清除",
      load_more: "加载更多结果",
      search_label: "站内搜索",
      filters_label: "筛选",
      zero_results: "未找到 [SEARCH_TERM] 的相关结果",
      many_results: "找到 [COUNT] 个 [SEARCH_TERM] 的相关结果",
      one_result: "找到 [COUNT] 个 [SEARCH_TERM] 的相关结果",
      alt_search: "未找到 [SEARCH_TERM] 的相关结果。改为显示 [DIFFERENT_TERM] 的相关结果",
      search_suggestion: "未找到 [SEARCH_TERM] 的相关结果。请尝试以下搜索。",
      searching: "正在搜索 [SEARCH_TERM]...",
      results_label: "搜索结果",
      error_search: "搜索失败",
      input_hint: "输入时将显示结果",
      loading: "加载中"
    }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
  // Pagefind has read the language once it is loaded; give the page its own back.
  import(new URL(element.dataset.bundle + "pagefind.js", document.baseURI).href)
    .then(function (pagefind) { return pagefind.init(); })
    .then(function () { if (lang) document.documentElement.setAttribute("lang", lang); });

  // For bench/search_compare.py, which asks the same index through Pagefind's API.
  window.disclosureSearch = { toBigrams: toBigrams, fromBigrams: fromBigrams };

  var header = document.querySelector(".disclosure-search__input");
  if (header && query) header.value = query;
})();
