/* Frivilligkatalogen: the search page. Runs the query from the address (?q=..., sent by the
 * search form in the header and by the form on this page) with Pagefind's search API
 * (pagefind.js, loaded only here), and draws a plain ordered list of links: title and an
 * excerpt (an association's summary where it has one). The number of results is announced in
 * a polite live region. Without JavaScript the form still sends ?q= and a message points to
 * the directory. Texts come from the form's data attributes (the locale file). */
(function () {
  "use strict";
  var form = document.getElementById("katalog-sok");
  var input = document.getElementById("katalog-sok-ord");
  var status = document.getElementById("katalog-sok-status");
  var list = document.getElementById("katalog-sok-treff");
  var more = document.getElementById("katalog-sok-flere");
  var failed = document.getElementById("katalog-sok-feil");
  if (!form || !input || !status || !list || !more || !window.URLSearchParams) return;
  var PAGE = 10;
  var script = new URL(form.getAttribute("data-pagefind"), location.href);
  var root = script.pathname.replace(/pagefind\/pagefind\.js$/, "");
  var loading = null, latest = 0, results = [], shown = 0;

  function pagefind() {
    if (!loading) {
      loading = import(script.href).then(function (module) {
        // No worker: one file less to download, and no five-second worker start-up to wait for.
        return module.options({ baseUrl: root, excerptLength: 24, noWorker: true }).then(function () { return module; });
      });
    }
    return loading;
  }

  function say(key, count, query) {
    var text = form.getAttribute(key).replace("{count}", String(count)).replace("{query}", query);
    if (status.textContent !== text) status.textContent = text;
  }

  // Pagefind's excerpt is text with <mark> around the matched words: only those marks become
  // elements; everything else is added as text. Entities are decoded by a detached <textarea>,
  // whose content is parsed as text only (never as elements), spaces kept.
  var decoder = document.createElement("textarea");
  function decoded(html) {
    decoder.innerHTML = html;
    return decoder.value;
  }

  function excerpt(target, html) {
    html.split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (piece) {
      var marked = /^<mark>([\s\S]*)<\/mark>$/.exec(piece);
      var text = decoded(marked ? marked[1] : piece);
      if (!text) return;
      if (marked) {
        var mark = document.createElement("mark");
        mark.textContent = text;
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(text));
      }
    });
  }

  function item(data) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    li.appendChild(heading);
    var text = document.createElement("p");
    if (data.meta && data.meta.sammendrag) text.textContent = data.meta.sammendrag;
    else excerpt(text, data.excerpt || "");
    li.appendChild(text);
    return li;
  }

  function showMore(run, focus) {
    var next = results.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (run !== latest) return;
      var first = null;
      pages.forEach(function (data) {
        var li = item(data);
        list.appendChild(li);
        first = first || li.querySelector("a");
      });
      shown += pages.length;
      more.hidden = shown >= results.length;
      list.hidden = shown === 0;
      if (focus && first) first.focus();
    });
  }

  function search(query) {
    var run = ++latest;
    list.removeAttribute("data-settled");
    query = query.trim();
    if (!query) {
      results = []; shown = 0; list.textContent = ""; list.hidden = true; more.hidden = true;
      status.textContent = "";
      list.setAttribute("data-settled", "");
      return Promise.resolve();
    }
    say("data-searching", 0, query);
    return pagefind().then(function (module) {
      return module.search(query);
    }).then(function (found) {
      if (run !== latest) return;
      results = (found && found.results) || [];
      shown = 0;
      list.textContent = "";
      return showMore(run, false).then(function () {
        if (run !== latest) return;
        var key = results.length === 0 ? "data-count-none" : results.length === 1 ? "data-count-one" : "data-count-other";
        say(key, results.length, query);
        list.setAttribute("data-settled", "");
      });
    }).catch(function () {
      if (run !== latest) return;
      status.textContent = "";
      if (failed) failed.hidden = false;
      list.setAttribute("data-settled", "");
    });
  }

  function fromAddress() {
    var query = new URLSearchParams(location.search).get("q") || "";
    input.value = query;
    search(query);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value.trim());
    if (url.href !== location.href) history.pushState(null, "", url.href);
    search(input.value);
  });
  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var url = new URL(location.href);
      url.searchParams.set("q", input.value.trim());
      history.replaceState(null, "", url.href);
      search(input.value);
    }, 300);
  });
  more.addEventListener("click", function () { showMore(latest, true); });
  window.addEventListener("popstate", fromAddress);
  fromAddress();
})();
