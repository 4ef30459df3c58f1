// Search (search/ page and the header box): results of our own on Pagefind's JS API
// (../pagefind/pagefind.js, served from this site, never a CDN).
//
// Why not Pagefind's default UI: its script and styles are ~135 KB, more than a quarter
// of what a reader's first search downloaded at 20,000 items (docs/search.md).
// This list asks Pagefind for the matching pages and loads the record (fragment) of only
// the results it shows, ten at a time (five under the header box).
//
// The index stores Chinese as bigram words spelled in letters (site_plugins/plugins/
// search_bigrams.py): 巡视整改 is indexed as the words for 巡视 视整 整改 改. A query is turned into
// the same words here, and results are turned back into plain text before they are shown.
//
// The Mongolian pages (mn/search/, data-language="mn") search an index of their own, Pagefind's
// `mn`, whose words are the words as written (Traditional Mongolian puts spaces between words):
// there a query is plain words (`plain` below), and results are shown as Pagefind stored them.
//
// Readers do not put spaces between Chinese words, so a run of Chinese is not searched as
// one phrase only: 巡视整改通报 finds the items that contain its words anywhere (巡视 整改 通报),
// without a dictionary — an item matches when every character of the run lies in one of
// the run's bigrams that the item contains (see `matches`). Items that contain the whole
// run as written come first.
(function () {
  "use strict";
  if (window.disclosureSearch) return;  // loaded once per page

  // Results whose records are loaded at once: each record is a few KB, a screenful is enough.
  var PAGE_SIZE = 10;
  var INSTANT_SIZE = 5;  // under the header box
  // Characters of an excerpt, and of a sub-result's.
  var EXCERPT_CHARS = 90;
  // Sub-results (sections of an item whose heading or text matches) shown under a result.
  var SUB_RESULTS = 3;

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var HAN_RUN = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)/;
  var LONGEST_PIECE = 24;  // longer runs are marked by their pieces of up to this length

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

  function bigram(run, i) { return PREFIX + letters(run[i]) + letters(run[i + 1]); }

  // The text of a query without the quotes of an exact search, and whether it had them.
  function unquote(query) {
    var quoted = /^\s*".+"\s*$/.test(query);
    return { quoted: quoted, text: quoted ? query.trim().slice(1, -1) : query };
  }

  // The parts of a query: Chinese runs and other words, in order (plain: words only).
  function parts(text, plain) {
    var out = [];
    if (plain) {
      text.split(/\s+/).forEach(function (w) { if (w) out.push({ han: false, text: w }); });
      return out;
    }
    text.split(HAN_RUN).forEach(function (piece) {
      if (!piece) return;
      if (HAN.test(piece)) out.push({ han: true, text: piece });
      else piece.split(/\s+/).forEach(function (w) { if (w) out.push({ han: false, text: w }); });
    });
    return out;
  }

  // 巡视整改 → the words of 巡视 视整 整改 (one Pagefind phrase); a single character stays a
  // prefix of every word that begins with it. The exact search of a query: the first
  // results, and the whole search of a quoted query.
  function toBigrams(query, plain) {
    var asked = unquote(query);
    var words = [];
    parts(asked.text, plain).forEach(function (part) {
      if (!part.han) words.push(part.text);
      else if (part.text.length === 1) words.push(PREFIX + letters(part.text));
      else for (var i = 0; i + 1 < part.text.length; i++) words.push(bigram(part.text, i));
    });
    var term = words.join(" ");
    // One Chinese word (the usual query) is searched as an exact phrase of its bigrams:
    // Pagefind drops a term that occurs nowhere instead of failing the search, so without
    // the quotes 党费收缴 would match any page with 收缴 where no page has 党费.
    var oneRun = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}$/.test(asked.text.trim());
    return (asked.quoted || oneRun) ? '"' + term + '"' : term;
  }

  // What a query asks for, as Pagefind words: `exact`, the phrase search above (null when
  // the query is several parts: its results are ranked by relevance anyway), and `all`,
  // one requirement per part that an item must meet — every word is searched on its own
  // and the requirements are checked here, because Pagefind would drop a word that occurs
  // nowhere and return the items that have the others.
  function plan(query, plain) {
    var asked = unquote(query);
    var found = parts(asked.text, plain);
    var exact = toBigrams(query, plain);
    if (asked.quoted) return { exact: exact, all: [] };
    var single = found.length === 1 && found[0].han && found[0].text.length > 1;
    return {
      exact: single ? exact : null,
      all: found.map(function (part) {
        if (!part.han) return { words: [part.text] };
        if (part.text.length === 1) return { words: [PREFIX + letters(part.text)] };
        var words = [];
        for (var i = 0; i + 1 < part.text.length; i++) words.push(bigram(part.text, i));
        return { words: words, run: true };
      }),
    };
  }

  // Does an item with these words (word → true) meet a requirement? A Chinese run: each
  // of its characters lies in one of its bigrams that the item has (巡视整改通报: 巡视 整改 通报
  // are enough, 改通 is not needed); other words: the item has it.
  function matches(requirement, has) {
    var words = requirement.words;
    if (!requirement.run) return !!has[words[0]];
    for (var i = 0; i <= words.length; i++) {
      if (!has[words[i - 1]] && !has[words[i]]) return false;
    }
    return true;
  }

  // The words of "巡视整改，任务" → "巡视整改，任务": each encoded word gives its first
  // character, no spaces around Chinese.
  function fromBigrams(text) {
    if (!text) return text;
    var out = "";
    var previousLatin = false;
    text.replace(/<\/?mark>/g, "").split(/\s+/).forEach(function (token) {
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
    return out;
  }

  // The pieces of the query to mark in what is shown: every part, and every piece of two
  // or more characters of a Chinese run (an item may hold the run's words apart).
  function piecesOf(query, plain) {
    var pieces = {};
    parts(unquote(query).text, plain).forEach(function (part) {
      var text = part.text;
      if (!part.han || text.length === 1) { pieces[text] = true; return; }
      for (var i = 0; i < text.length; i++) {
        for (var j = i + 2; j <= Math.min(text.length, i + LONGEST_PIECE); j++) pieces[text.slice(i, j)] = true;
      }
    });
    return Object.keys(pieces).sort(function (a, b) { return b.length - a.length; });
  }

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // Where the pieces occur in `text`, left to right, the longest piece at each place.
  function marks(text, pieces) {
    var found = [];
    for (var at = 0; at < text.length;) {
      var piece = null;
      for (var k = 0; k < pieces.length; k++) {
        if (text.substr(at, pieces[k].length) === pieces[k]) { piece = pieces[k]; break; }
      }
      if (piece) { found.push([at, at + piece.length]); at += piece.length; } else at++;
    }
    return found;
  }

  // `text` as HTML with the pieces marked.
  function marked(text, pieces) {
    var out = "", last = 0;
    marks(text, pieces).forEach(function (span) {
      out += escape(text.slice(last, span[0])) + "<mark>" + escape(text.slice(span[0], span[1])) + "</mark>";
      last = span[1];
    });
    return out + escape(text.slice(last));
  }

  // An item's record read as sections: the title (not part of any excerpt), then the text
  // before the first heading, then each heading with its text. Pagefind's record is the
  // plain text of the page (title first) as encoded words; its anchors give each
  // heading's place in words.
  // plain: the words as written, with the spaces between them as they were (a Mongolian
  // suffix follows its word after U+202F, which shapes both).
  function sections(data, plain) {
    var content = (data.content || "").replace(/^\s+/, "");
    var tokens = plain ? content.split(/(\s+)/) : null;
    var words = plain ? tokens.filter(function (t, i) { return i % 2 === 0 && t; }) : content.split(/\s+/).filter(function (w) { return w; });
    var text = plain
      ? function (from, to) { return tokens.slice(2 * from, Math.max(2 * from, 2 * to - 1)).join(""); }
      : function (from, to) { return fromBigrams(words.slice(from, to).join(" ")); };
    var strip = plain ? /[\s.]+/g : /\s+/g;  // Pagefind ends a heading with "."
    var title = (data.meta.title || "").replace(strip, "");
    var start = 0;
    for (var got = ""; start < words.length && got.length < title.length; start++) {
      got = text(0, start + 1).replace(strip, "");
    }
    if (text(0, start).replace(strip, "") !== title) start = 0;
    var anchors = (data.anchors || []).filter(function (a) { return a.id && a.location >= start; })
      .sort(function (a, b) { return a.location - b.location; });
    var out = [], from = start, heading = null;
    anchors.concat([{ location: words.length }]).forEach(function (anchor) {
      var shown = text(from, anchor.location).replace(/^[.\s]+/, "");
      if (shown || heading) out.push({ heading: heading, text: shown });
      if (anchor.id === undefined) return;
      var size = (anchor.text || "").split(/\s+/).filter(function (w) { return w; }).length;
      heading = { id: anchor.id, text: (plain ? anchor.text || "" : fromBigrams(anchor.text || "")).replace(/[.\s]+$/, "") };
      from = anchor.location + size;
    });
    return out;
  }

  // EXCERPT_CHARS of `text` around most of the pieces, as HTML with them marked.
  function excerpt(text, pieces) {
    var spans = marks(text, pieces);
    var start = 0;
    if (text.length > EXCERPT_CHARS && spans.length) {
      var best = -1;
      spans.forEach(function (span) {
        var from = Math.max(0, span[0] - 10), n = 0;
        spans.forEach(function (other) { if (other[0] >= from && other[1] <= from + EXCERPT_CHARS) n++; });
        if (n > best) { best = n; start = from; }
      });
      start = Math.min(start, text.length - EXCERPT_CHARS);
    }
    var shown = text.slice(start, start + EXCERPT_CHARS);
    return (start > 0 ? "…" : "") + marked(shown, pieces) + (start + EXCERPT_CHARS < text.length ? "…" : "");
  }

  // A result as shown: title, organization, date, an excerpt of the best section and
  // up to SUB_RESULTS other sections (headings) that match.
  function describe(data, query, plain) {
    var pieces = piecesOf(query, plain);
    var url = data.meta.url || data.url;
    var all = sections(data, plain).map(function (section, index) {
      var score = marks(section.text, pieces).length + 2 * (section.heading ? marks(section.heading.text, pieces).length : 0);
      return { section: section, index: index, score: score };
    });
    // The excerpt is the text before the first heading when the query is there (or nothing
    // else matches); the matching sections under headings are listed with their headings.
    var intro = all.length && !all[0].section.heading ? all[0] : null;
    var subs = all.filter(function (s) { return s.score > 0 && s.section.heading; })
      .sort(function (a, b) { return b.score - a.score; }).slice(0, SUB_RESULTS)
      .sort(function (a, b) { return a.index - b.index; });
    var best = intro && (intro.score > 0 || !subs.length) ? intro : null;
    if (!best && !subs.length) best = all[0] || null;  // only the title matches: the text's beginning
    return {
      url: url,
      title: data.meta.title || url,
      titleHtml: marked(data.meta.title || url, pieces),
      organization: data.meta.org || "",
      date: data.meta.published || "",
      excerpt: best ? excerpt(best.section.text, pieces) : "",
      subs: subs.map(function (s) {
        return { url: url + "#" + s.section.heading.id, titleHtml: marked(s.section.heading.text, pieces), excerpt: excerpt(s.section.text, pieces) };
      }),
    };
  }

  // Pagefind's module, loaded on the first search (a page without a query loads nothing).
  var modules = {};
  function pagefindModule(bundle) {
    if (!modules[bundle]) modules[bundle] = import(new URL(bundle + "pagefind.js", document.baseURI).href);
    return modules[bundle];
  }

  // Pagefind chooses the index by <html lang>, read when an instance is made: "zh" would
  // run the browser's Intl.Segmenter over our bigrams. `cmn-Hans` (Mandarin, simplified
  // script) is the same language under a tag Pagefind leaves alone, and it selects the
  // whole index, `cmn`; `cmn-x-recent` selects the index of the newest items (see
  // Searcher). The page gets its own language back at once.
  function withLanguage(language, make) {
    var html = document.documentElement, lang = html.getAttribute("lang");
    html.setAttribute("lang", language);
    try {
      return make();
    } finally {
      if (lang) html.setAttribute("lang", lang); else html.removeAttribute("lang");
    }
  }

  // Every page of one index that a query finds, in order: the exact phrase's results
  // first (newest first: they score the same), then the other items that meet every
  // requirement, by the sum of their words' scores.
  function find(pf, query, plain) {
    var asked = plan(query, plain);
    var words = {};
    asked.all.forEach(function (r) { r.words.forEach(function (w) { words[w] = true; }); });
    var list = Object.keys(words);
    return Promise.all([asked.exact ? pf.search(asked.exact) : null].concat(list.map(function (w) { return pf.search(w); })))
      .then(function (responses) {
        var exact = responses[0] ? responses[0].results : [];
        var has = {}, score = {}, byId = {}, order = [];
        responses.slice(1).forEach(function (response, k) {
          response.results.forEach(function (result) {
            if (!has[result.id]) { has[result.id] = {}; score[result.id] = 0; byId[result.id] = result; order.push(result.id); }
            has[result.id][list[k]] = true;
            score[result.id] += result.score;
          });
        });
        var seen = {};
        exact.forEach(function (result) { seen[result.id] = true; });
        var rest = order.filter(function (id) {
          return !seen[id] && asked.all.every(function (r) { return matches(r, has[id]); });
        }).map(function (id, position) { return { id: id, position: position }; });
        rest.sort(function (a, b) { return score[b.id] - score[a.id] || a.position - b.position; });
        return exact.concat(rest.map(function (r) { return byId[r.id]; }));
      });
  }

  // One site's indexes. A large site also has an index of only its newest items
  // (`recent` of them, site_plugins/plugins/search.py): a first query reads that one, so
  // what it downloads does not grow with the site. Its pages are the first pages of the
  // whole index in the same order, so a phrase query's results there are the first
  // results of the whole index; older results come from the whole index when the reader
  // asks for more.
  // `language` "mn": the Mongolian pages' index (no first-query index of its own), plain words.
  function Searcher(bundle, recent, language) {
    var whole = null, newest = null;
    var options = { excerptLength: 0, noWorker: true };
    var plain = language === "mn";
    this.plain = plain;
    this.recent = plain ? 0 : recent;
    this.find = function (pf, query) { return find(pf, query, plain); };
    this.whole = function () {
      if (!whole) {
        whole = pagefindModule(bundle).then(function (pf) {
          // noWorker: Pagefind's web worker is a second copy of its loader (41 KB); a search
          // of exact phrases is quick enough on the page itself.
          return pf.options(options).then(function () {
            return withLanguage(plain ? "mn" : "cmn-Hans", function () { return pf.init(); }).then(function () { return pf; });
          });
        });
      }
      return whole;
    };
    this.newest = function () {
      if (!this.recent) return this.whole();
      if (!newest) {
        newest = pagefindModule(bundle).then(function (pf) {
          var instance = withLanguage("cmn-x-recent", function () {
            return pf.createInstance({ basePath: new URL(bundle, document.baseURI).href, excerptLength: 0, noWorker: true });
          });
          return instance.init().then(function () { return instance; });
        });
      }
      return newest;
    };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // 中共内蒙古自治区委员会 · 2026-04-15 under a result's title.
  function metaLine(shown, tag) {
    var line = element(tag || "p", "disclosure-search__meta");
    if (shown.organization) line.appendChild(element("span", "disclosure-search__org", shown.organization));
    if (shown.date) {
      var time = element("time", "disclosure-search__date", shown.date);
      time.setAttribute("datetime", shown.date);
      line.appendChild(time);
    }
    return line;
  }

  // One result of the search page (or sub-result): title as a link, organization and
  // date, excerpt with the query marked.
  function entry(tag, className, titleHtml, url, excerptHtml, shown) {
    var item = element(tag, className);
    var heading = element("p", "pagefind-ui__result-title");
    var link = element("a", "pagefind-ui__result-link");
    link.innerHTML = titleHtml;  // escaped text with <mark>s (marked)
    link.href = url;
    heading.appendChild(link);
    item.appendChild(heading);
    if (shown) item.appendChild(metaLine(shown));
    if (excerptHtml) {
      var text = element("p", "pagefind-ui__result-excerpt");
      text.innerHTML = excerptHtml;  // escaped text with <mark>s (excerpt)
      item.appendChild(text);
    }
    return item;
  }

  function render(data, query, plain) {
    var shown = describe(data, query, plain);
    var item = entry("li", "pagefind-ui__result", shown.titleHtml, shown.url, shown.excerpt, shown);
    if (shown.subs.length) {
      var nested = element("ol", "pagefind-ui__result-nested-list");
      shown.subs.forEach(function (sub) {
        nested.appendChild(entry("li", "pagefind-ui__result-nested", sub.titleHtml, sub.url, sub.excerpt, null));
      });
      item.appendChild(nested);
    }
    return item;
  }

  // The search page: a results list, ten at a time.
  function searchPage(root) {
    var form = root.querySelector("form");
    var input = root.querySelector("input[name=q]");
    var message = root.querySelector(".pagefind-ui__message");
    var list = root.querySelector(".pagefind-ui__results");
    var more = root.querySelector(".pagefind-ui__button");
    var searcher = new Searcher(root.dataset.bundle, parseInt(root.dataset.recent || "0", 10) || 0, root.dataset.language);
    // The messages, in the page's language: the Mongolian search page gives its own (data-text-*).
    var say = {
      searching: root.dataset.textSearching,
      none: root.dataset.textNone,
      found: root.dataset.textFound,
      failed: root.dataset.textFailed || "搜索失败",
    };

    var generation = 0;  // the latest search: an older one that finishes late shows nothing
    var found = [];      // Pagefind's results of the latest search, in order
    var shown = 0;       // how many of them are in the list
    var complete = true; // false while `found` holds only the newest items' results
    var asked = "";

    // The whole index's results after those of the newest items (each page once).
    function widen(current) {
      return searcher.whole().then(function (pf) { return searcher.find(pf, asked); }).then(function (results) {
        if (current !== generation) return;
        var seen = {};
        found.forEach(function (result) { seen[result.id] = true; });
        found = found.concat(results.filter(function (result) { return !seen[result.id]; }));
        complete = true;
      });
    }

    function count() {
      if (say.none && !found.length) return asked + " — " + say.none;
      if (say.found) return asked + " — " + found.length + " " + say.found;
      if (!found.length) return "未找到 " + asked + " 的相关结果";
      var text = "找到 " + found.length.toLocaleString("zh-CN") + " 个 " + asked + " 的相关结果";
      return complete ? text : "在最新的 " + searcher.recent.toLocaleString("zh-CN") + " 条公开事项中" + text + "，更早的事项请加载更多结果";
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
        records.forEach(function (data) { list.appendChild(render(data, asked, searcher.plain)); });
        shown += batch.length;
        more.hidden = shown >= found.length && complete;
        more.disabled = false;
        message.textContent = count();
      });
    }

    function search(query) {
      var current = ++generation;
      query = query.trim();
      found = [];
      shown = 0;
      if (!query) {
        message.textContent = "";
        list.textContent = "";
        more.hidden = true;
        return Promise.resolve();
      }
      asked = query;
      complete = !searcher.recent;
      root.setAttribute("aria-busy", "true");
      message.textContent = (say.searching || "正在搜索") + " " + query + "…";
      return searcher.newest().then(function (pf) { return searcher.find(pf, query); }).then(function (results) {
        if (current !== generation) return;
        found = results;
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
        if (current === generation) message.textContent = say.failed;
      }).then(function () {
        if (current === generation) root.removeAttribute("aria-busy");
      });
    }

    // Results follow the box as the reader types, after a pause.
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

    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      input.value = query;
      var header = document.querySelector(".disclosure-search__input");
      if (header) header.value = query;
      search(query);
    }
    return searcher;
  }

  // The header box: the first results as a list of links under it while the reader
  // types; Enter (with no result chosen) opens the search page with every result.
  // ↓ and ↑ move through the links, Escape closes the list and returns to the box.
  function headerBox(form) {
    var input = form.querySelector("input[name=q]");
    var panel = form.querySelector(".disclosure-search__instant");
    if (!input || !panel) return;
    var status = panel.querySelector(".disclosure-search__count");
    var list = panel.querySelector(".disclosure-search__list");
    var all = panel.querySelector(".disclosure-search__all");
    var searcher = null;
    var generation = 0;

    // The first-query index of a large site is named in Pagefind's entry file.
    function ready() {
      if (!searcher) {
        var bundle = form.dataset.bundle;
        searcher = fetch(new URL(bundle + "pagefind-entry.json", document.baseURI).href)
          .then(function (response) { return response.json(); })
          .then(function (entry) {
            var recent = entry.languages && entry.languages["cmn-x-recent"];
            return new Searcher(bundle, recent ? recent.page_count : 0, form.dataset.language);
          });
      }
      return searcher;
    }

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }

    function search(query) {
      var current = ++generation;
      query = query.trim();
      if (!query) { list.textContent = ""; status.textContent = ""; close(); return Promise.resolve(); }
      var s = null;
      return ready().then(function (got) { s = got; return s.newest().then(function (pf) { return s.find(pf, query); }); })
        .then(function (results) {
          if (current !== generation) return null;
          return Promise.all(results.slice(0, INSTANT_SIZE).map(function (r) { return r.data(); })).then(function (records) {
            if (current !== generation) return;
            list.textContent = "";
            records.forEach(function (data) {
              var shown = describe(data, query, s.plain);
              var item = element("li", "disclosure-search__item");
              var link = element("a", "disclosure-search__link");
              link.href = shown.url;
              var title = element("span", "disclosure-search__title");
              title.innerHTML = shown.titleHtml;  // escaped text with <mark>s
              link.appendChild(title);
              link.appendChild(metaLine(shown, "span"));
              item.appendChild(link);
              list.appendChild(item);
            });
            var total = results.length.toLocaleString("zh-CN");
            if (form.dataset.textFound) {  // a Mongolian page's box: its own words
              status.textContent = query + " — " + (results.length ? total + " " + form.dataset.textFound : form.dataset.textNone);
            } else {
              status.textContent = !results.length ? "未找到 " + query + " 的相关结果"
                : (s.recent ? "在最新的 " + s.recent.toLocaleString("zh-CN") + " 条公开事项中" : "") + "找到 " + total + " 个 " + query + " 的相关结果";
            }
            all.hidden = !total;
            all.href = new URL(form.getAttribute("action"), document.baseURI).href + "?q=" + encodeURIComponent(query);
            panel.hidden = false;
            input.setAttribute("aria-expanded", "true");
          });
        })
        .catch(function () { if (current === generation) { status.textContent = form.dataset.textFailed || "搜索失败"; panel.hidden = false; } });
    }

    var pause = null;
    input.addEventListener("input", function () {
      clearTimeout(pause);
      pause = setTimeout(function () { search(input.value); }, 200);
    });
    form.addEventListener("submit", function () { clearTimeout(pause); ++generation; });
    form.addEventListener("keydown", function (event) {
      var items = links(), at = items.indexOf(document.activeElement);
      if (event.key === "Escape") {
        if (!panel.hidden) { close(); input.focus(); event.preventDefault(); }
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !panel.hidden && items.length) {
        event.preventDefault();
        var next = event.key === "ArrowDown" ? at + 1 : (at < 0 ? items.length - 1 : at - 1);
        if (next < 0 || next >= items.length) input.focus(); else items[next].focus();
      }
    });
    input.addEventListener("focus", function () { if (list.childNodes.length && input.value.trim()) { panel.hidden = false; input.setAttribute("aria-expanded", "true"); } });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
    form.addEventListener("focusout", function (event) { if (event.relatedTarget && !form.contains(event.relatedTarget)) close(); });
  }

  var page = document.getElementById("disclosure-search");
  var pageSearcher = page ? searchPage(page) : null;
  Array.prototype.forEach.call(document.querySelectorAll("form.disclosure-search"), headerBox);

  // For bench/search_compare.py and the tests: the same functions and index.
  window.disclosureSearch = {
    toBigrams: toBigrams,
    fromBigrams: fromBigrams,
    plan: plan,
    // Every result of the whole index, in the order the search page lists them.
    find: function (query) {
      var from = page || document.querySelector("form.disclosure-search");
      var searcher = pageSearcher || new Searcher(from.dataset.bundle, 0, from.dataset.language);
      return searcher.whole().then(function (pf) { return searcher.find(pf, query); });
    },
    pagefind: function () { return pageSearcher.whole(); },
  };
})();
