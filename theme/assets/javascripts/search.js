// Search page (search/): a small results list of our own on Pagefind's JS API
// (../pagefind/pagefind.js, served from this site, never a CDN). The header form sends
// the query as ?q=.
//
// Why not Pagefind's default UI: its script and styles are ~135 KB, more than a quarter
// of what a reader's first search downloaded at 20,000 items (docs/search.md).
// This list asks Pagefind for the matching pages and loads the record (fragment) of only
// the results it shows, ten at a time.
//
// The index stores Chinese as bigram words spelled in letters (site_plugins/plugins/
// search.py): 巡视整改 is indexed as the words for 巡视 视整 整改 改. A query is turned into
// the same words here, and results are turned back into plain text before they are shown.
(function () {
  "use strict";
  var root = document.getElementById("disclosure-search");
  if (!root) return;
  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var message = root.querySelector(".pagefind-ui__message");
  var list = root.querySelector(".pagefind-ui__results");
  var more = root.querySelector(".pagefind-ui__button");

  // Results whose records are loaded at once: each record is a few KB, a screenful is enough.
  var PAGE_SIZE = 10;
  // Pagefind's excerpt, in words: each Chinese character is one word of the index.
  var EXCERPT_WORDS = 60;
  // Sub-results (headings of an item that match) shown under a result, as Pagefind's UI did.
  var SUB_RESULTS = 3;

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

  // The words of the last query, to highlight in results as they are written.
  var highlights = [];

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

  // Pagefind's module, loaded on the first search (a page without a query loads nothing).
  var module = null;
  function pagefindModule() {
    if (!module) module = import(new URL(root.dataset.bundle + "pagefind.js", document.baseURI).href);
    return module;
  }

  // Pagefind chooses the index by <html lang>, read when an instance is made: "zh" would
  // run the browser's Intl.Segmenter over our bigrams. `cmn-Hans` (Mandarin, simplified
  // script) is the same language under a tag Pagefind leaves alone, and it selects the
  // whole index, `cmn`; `cmn-x-recent` selects the index of the newest items (see
  // RECENT). The page gets its own language back at once.
  function withLanguage(language, make) {
    var html = document.documentElement, lang = html.getAttribute("lang");
    html.setAttribute("lang", language);
    try {
      return make();
    } finally {
      if (lang) html.setAttribute("lang", lang); else html.removeAttribute("lang");
    }
  }

  // The whole index.
  var engine = null;
  function pagefind() {
    if (!engine) {
      engine = pagefindModule().then(function (pf) {
        // noWorker: Pagefind's web worker is a second copy of its loader (41 KB); a search
        // of exact phrases is quick enough on the page itself.
        return pf.options({ excerptLength: EXCERPT_WORDS, noWorker: true }).then(function () {
          return withLanguage("cmn-Hans", function () { return pf.init(); }).then(function () { return pf; });
        });
      });
    }
    return engine;
  }

  // A large site also has an index of only its newest items (data-recent of them,
  // site_plugins/plugins/search.py): a first query reads that one, so what it downloads
  // does not grow with the site. Its pages are the first pages of the whole index in the
  // same order, so a phrase query's results there are the first results of the whole
  // index; older results come from the whole index when the reader asks for more.
  var RECENT = parseInt(root.dataset.recent || "0", 10) || 0;
  var recentEngine = null;
  function recent() {
    if (!recentEngine) {
      recentEngine = pagefindModule().then(function (pf) {
        var instance = withLanguage("cmn-x-recent", function () {
          return pf.createInstance({
            basePath: new URL(root.dataset.bundle, document.baseURI).href,
            excerptLength: EXCERPT_WORDS, noWorker: true,
          });
        });
        return instance.init().then(function () { return instance; });
      });
    }
    return recentEngine;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // One result (or sub-result): its title as a link and its excerpt with the query marked.
  function entry(tag, className, title, url, excerpt) {
    var item = element(tag, className);
    var heading = element("p", "pagefind-ui__result-title");
    var link = element("a", "pagefind-ui__result-link", title);
    link.href = url;
    heading.appendChild(link);
    item.appendChild(heading);
    var text = element("p", "pagefind-ui__result-excerpt");
    text.innerHTML = fromBigrams(excerpt, true);  // Pagefind's excerpt is escaped text with <mark>s
    item.appendChild(text);
    return item;
  }

  // Sub-results as Pagefind's UI chose them: not the page itself, at most three, the ones
  // with most matches, in the order of the page.
  function subResults(data) {
    var subs = (data.sub_results || []).slice();
    if (subs.length && subs[0].url === (data.meta.url || data.url)) subs.shift();
    if (subs.length <= SUB_RESULTS) return subs;
    var best = subs.slice().sort(function (a, b) { return b.locations.length - a.locations.length; })
      .slice(0, SUB_RESULTS).map(function (s) { return s.url; });
    return subs.filter(function (s) { return best.indexOf(s.url) >= 0; });
  }

  function render(data) {
    var title = data.meta.title || data.url;
    var item = entry("li", "pagefind-ui__result", title, data.meta.url || data.url, data.excerpt);
    var subs = subResults(data);
    if (subs.length) {
      var nested = element("ol", "pagefind-ui__result-nested-list");
      subs.forEach(function (sub) {
        nested.appendChild(entry("li", "pagefind-ui__result-nested", fromBigrams(sub.title, false), sub.url, sub.excerpt));
      });
      item.appendChild(nested);
    }
    return item;
  }

  var generation = 0;  // the latest search: an older one that finishes late shows nothing
  var found = [];      // Pagefind's results of the latest search, in order
  var shown = 0;       // how many of them are in the list
  var complete = true; // false while `found` holds only the newest items' results
  var asked = { query: "", term: "" };

  // The whole index's results after those of the newest items (each page once).
  function widen(current) {
    return pagefind().then(function (pf) { return pf.search(asked.term); }).then(function (response) {
      if (current !== generation) return;
      var seen = {};
      found.forEach(function (result) { seen[result.id] = true; });
      found = found.concat(response.results.filter(function (result) { return !seen[result.id]; }));
      complete = true;
    });
  }

  function count() {
    if (!found.length) return "未找到 " + asked.query + " 的相关结果";
    var text = "找到 " + found.length.toLocaleString("zh-CN") + " 个 " + asked.query + " 的相关结果";
    return complete ? text : "在最新的 " + RECENT.toLocaleString("zh-CN") + " 条公开事项中" + text + "，更早的事项请加载更多结果";
  }

  // Load the records of the next PAGE_SIZE results, then show them together.
  function showMore(current) {
    if (shown >= found.length && !complete) {
      more.disabled = true;
      return widen(current).then(function () { if (current === generation) return showMore(current); });
    }
    var batch = found.slice(shown, shown + PAGE_SIZE);
    more.disabled = true;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (records) {
      if (current !== generation) return;
      records.forEach(function (data) { list.appendChild(render(data)); });
      shown += batch.length;
      more.hidden = shown >= found.length && complete;
      more.disabled = false;
      say(count());
    });
  }

  function say(text) { message.textContent = text; }

  function search(query) {
    var current = ++generation;
    query = query.trim();
    found = [];
    shown = 0;
    if (!query) {
      say("");
      list.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    asked = { query: query, term: toBigrams(query) };
    complete = !RECENT;
    root.setAttribute("aria-busy", "true");
    say("正在搜索 " + query + "…");
    return (RECENT ? recent() : pagefind()).then(function (pf) { return pf.search(asked.term); }).then(function (response) {
      if (current !== generation) return;
      found = response.results;
      // Few matches among the newest items: the words are rare, and so are their lists in
      // the whole index — read it at once rather than show a short first page.
      if (!complete && found.length < PAGE_SIZE) return widen(current);
    }).then(function () {
      if (current !== generation) return;
      list.textContent = "";
      more.hidden = true;
      // The count and the first results appear together, when the records have loaded.
      return showMore(current);
    }).catch(function () {
      if (current === generation) say("搜索失败");
    }).then(function () {
      if (current === generation) root.removeAttribute("aria-busy");
    });
  }

  // Results follow the box as the reader types (as Pagefind's UI did), after a pause.
  var pause = null;
  input.addEventListener("input", function () {
    clearTimeout(pause);
    pause = setTimeout(function () { search(input.value); }, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(pause);
    // The address keeps the query, so reloading or sharing the page repeats the search.
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
    search(input.value);
  });
  more.addEventListener("click", function () { showMore(generation); });

  // For bench/search_compare.py, which asks the same index through Pagefind's API.
  window.disclosureSearch = { toBigrams: toBigrams, fromBigrams: fromBigrams, pagefind: pagefind };

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    var header = document.querySelector(".disclosure-search__input");
    if (header) header.value = query;
    search(query);
  }
})();
