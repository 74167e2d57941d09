/* Frivilligkatalogen: filters on a list page (the directory, the venues, "Bli frivillig").
 *
 * The page holds the first PAGE items (later pages are plain links, for visitors
 * without JavaScript); this script chooses which items stand in the list, and puts at
 * most PAGE of the matches there at a time. Cards beyond the page come from the list's
 * kort.json (every card as the page writes it), fetched the first time one is needed.
 * It reads a compact index (views/filters.py: columns, then one row per item in the
 * same order), keeps the filter state in the URL query, shows how many match, with a
 * count per option, and announces the number in a polite live region. Within a group,
 * options widen (any of them); across groups, they narrow (all groups must match).
 */
(function () {
  "use strict";
  var form = document.getElementById("katalog-filter");
  var list = document.getElementById("katalog-liste");
  var status = document.getElementById("katalog-antall");
  if (!form || !list || !status || !window.fetch || !window.URLSearchParams) return;

  var PAGE = 100; // items shown at a time: changing thousands at once costs layout
  var limit = PAGE;
  var more = document.getElementById("katalog-flere");
  var items = Array.prototype.slice.call(list.children);
  var cards = null, fetching = false;
  var pages = document.getElementById("katalog-sider");

  fetch(form.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(start)
    .catch(function () { /* the full list stays */ });

  function start(index) {
    var rows = index.rows, columns = index.columns;
    if (rows.length < items.length) return;
    columns.forEach(function (column) {
      column.at = {};
      column.options.forEach(function (option, i) { column.at[option] = i; });
    });
    var boxes = form.querySelectorAll('input[type="checkbox"]');
    var numbers = form.querySelectorAll('input[type="number"]');
    var counters = {};
    form.querySelectorAll("[data-count]").forEach(function (el) { counters[el.getAttribute("data-count")] = el; });

    // What is asked, per column: ticked option positions (any), a mask (bits), a number.
    function read() {
      var state = columns.map(function (column) { return column.kind === "any" ? [] : column.kind === "bits" ? 0 : null; });
      var byName = {};
      columns.forEach(function (column, c) { byName[column.name] = c; });
      boxes.forEach(function (box) {
        var c = byName[box.name];
        if (!box.checked || c === undefined || !(box.value in columns[c].at)) return;
        if (columns[c].kind === "any") state[c].push(columns[c].at[box.value]);
        else state[c] |= 1 << columns[c].at[box.value];
      });
      numbers.forEach(function (input) {
        var c = byName[input.name], n = parseInt(input.value, 10);
        if (c !== undefined && !isNaN(n) && n >= 0) state[c] = n;
      });
      return state;
    }

    function fits(kind, value, wanted) {
      if (kind === "any") return !wanted.length || value.some(function (v) { return wanted.indexOf(v) !== -1; });
      if (kind === "bits") return !wanted || (value & wanted) !== 0;
      if (wanted === null) return true;
      if (kind === "ranges") return value === 0 || value.some(function (r) { return r[0] <= wanted && wanted <= r[1]; });
      return value !== null && value >= wanted; // at_least
    }

    // Facet counts: how many would match with this option, the other groups as they are.
    function count(counts, column, value) {
      function add(option) { var key = column.name + ":" + option; counts[key] = (counts[key] || 0) + 1; }
      if (column.kind === "any") value.forEach(function (v) { add(column.options[v]); });
      else if (column.kind === "bits") column.options.forEach(function (option, b) { if (value & (1 << b)) add(option); });
    }

    function apply() {
      var s = read(), shown = [], matches = 0, counts = {};
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], failing = -1, failures = 0;
        for (var c = 0; c < columns.length && failures < 2; c++) {
          if (!fits(columns[c].kind, row[c], s[c])) { failures++; failing = c; }
        }
        if (failures === 0) {
          matches++;
          if (shown.length < limit) shown.push(i);
        }
        if (failures > 1) continue;
        for (c = 0; c < columns.length; c++) if (failures === 0 || c === failing) count(counts, columns[c], row[c]);
      }
      Object.keys(counters).forEach(function (key) {
        var text = "(" + (counts[key] || 0) + ")";
        if (counters[key].textContent !== text) counters[key].textContent = text;
      });
      shown = shown.map(card).filter(Boolean);
      if (shown.length !== list.children.length || shown.some(function (item, n) { return list.children[n] !== item; })) {
        list.replaceChildren.apply(list, shown);
      }
      var template = matches === 0 ? "data-count-none" : matches === 1 ? "data-count-one" : "data-count-other";
      var text = form.getAttribute(template).replace("{count}", String(matches));
      if (status.textContent !== text) status.textContent = text;
      if (more) {
        more.hidden = matches <= shown.length;
        more.textContent = more.getAttribute("data-label").replace("{count}", String(matches - shown.length));
      }
    }

    // The element of item i: from the page, or made once from kort.json (fetched on first need;
    // until it has come, the items the page holds stand in the list).
    function card(i) {
      if (items[i]) return items[i];
      if (cards) {
        var holder = document.createElement("template");
        holder.innerHTML = cards[i];
        items[i] = holder.content.firstElementChild;
        return items[i];
      }
      if (!fetching) {
        fetching = true;
        fetch(list.getAttribute("data-cards"))
          .then(function (response) { return response.json(); })
          .then(function (all) { cards = all; apply(); })
          .catch(function () { fetching = false; });
      }
      return null;
    }

    function writeUrl() {
      var params = new URLSearchParams();
      boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
      numbers.forEach(function (input) { if (input.value !== "") params.set(input.name, input.value); });
      var query = params.toString();
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
      numbers.forEach(function (input) { input.value = params.get(input.name) || ""; });
    }

    readUrl();
    // Open the groups that the address already filters on.
    form.querySelectorAll("details").forEach(function (group) {
      var asked = group.querySelector("input:checked");
      group.querySelectorAll('input[type="number"]').forEach(function (input) { if (input.value) asked = true; });
      if (asked) group.open = true;
    });
    form.hidden = false;
    if (pages) pages.hidden = true; // "Vis flere" takes over from the page links
    apply();
    function changed() { limit = PAGE; apply(); writeUrl(); }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    if (more) more.addEventListener("click", function () { limit += PAGE; apply(); });
    // The list follows every change; "Vis treffene" takes the reader to the number of matches.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      status.setAttribute("tabindex", "-1");
      status.focus();
    });
  }
})();
