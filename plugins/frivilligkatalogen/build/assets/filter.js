/* Frivilligkatalogen: filters on the directory of associations.
 *
 * The page lists every association; this script only chooses which cards stand in
 * the list. It keeps them all in memory and puts at most PAGE of the matches in
 * the list at a time: hiding thousands of siblings in place costs the browser a
 * style recalculation of the whole list on every change.
 * It reads a compact index (one row per card, same order), keeps the filter state
 * in the URL query, shows how many match, with a count per option, and announces
 * the number in a polite live region. Within a group, options widen (any of them);
 * across groups, they narrow (all groups must match).
 */
(function () {
  "use strict";
  var form = document.getElementById("katalog-filter");
  var list = document.getElementById("katalog-liste");
  var status = document.getElementById("katalog-antall");
  if (!form || !list || !status || !window.fetch || !window.URLSearchParams) return;

  var PAGE = 100; // cards shown at a time: changing thousands at once costs layout
  var limit = PAGE;
  var more = document.getElementById("katalog-flere");
  var DAYS = [];
  var cards = Array.prototype.slice.call(list.children);
  var GROUPS = ["kategori", "alder", "gruppe", "omrade", "dag", "pris", "sprak", "tilgjengelig"];

  fetch(form.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(start)
    .catch(function () { /* the full list stays */ });

  function positions(values) {
    var map = {};
    values.forEach(function (value, i) { map[value] = i; });
    return map;
  }

  function start(index) {
    var rows = index.rows;
    if (rows.length !== cards.length) return;
    var at = { kategori: positions(index.kategori), gruppe: positions(index.gruppe), omrade: positions(index.omrade), sprak: positions(index.sprak) };
    form.querySelectorAll('input[name="dag"]').forEach(function (box) { DAYS.push(box.value); });
    var boxes = form.querySelectorAll('input[type="checkbox"]');
    var age = form.querySelector('input[name="alder"]');
    var counters = {};
    form.querySelectorAll("[data-count]").forEach(function (el) { counters[el.getAttribute("data-count")] = el; });

    function read() {
      var state = { kategori: [], gruppe: [], omrade: [], sprak: [], dag: 0, pris: 0, tilgjengelig: false, alder: null };
      boxes.forEach(function (box) {
        if (!box.checked) return;
        var name = box.name, value = box.value;
        if (name === "dag") state.dag |= 1 << DAYS.indexOf(value);
        else if (name === "pris") state.pris |= value === "gratis" ? 1 : 2;
        else if (name === "tilgjengelig") state.tilgjengelig = true;
        else if (at[name] && value in at[name]) state[name].push(at[name][value]);
      });
      var n = parseInt(age.value, 10);
      if (!isNaN(n) && n >= 0) state.alder = n;
      return state;
    }

    function any(values, wanted) {
      for (var i = 0; i < values.length; i++) if (wanted.indexOf(values[i]) !== -1) return true;
      return false;
    }

    function checks(row, s) {
      return [
        !s.kategori.length || any(row[0], s.kategori),
        s.alder === null || row[1] === 0 || row[1].some(function (r) { return r[0] <= s.alder && s.alder <= r[1]; }),
        !s.gruppe.length || any(row[2], s.gruppe),
        !s.omrade.length || s.omrade.indexOf(row[3]) !== -1,
        !s.dag || (row[4] & s.dag) !== 0,
        !s.pris || (row[5] & s.pris) !== 0,
        !s.sprak.length || any(row[6], s.sprak),
        !s.tilgjengelig || row[7] === 1
      ];
    }

    function apply() {
      var s = read(), shown = [], matches = 0, counts = {};
      function add(key) { counts[key] = (counts[key] || 0) + 1; }
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], ok = checks(row, s), failing = -1, failures = 0;
        for (var g = 0; g < ok.length; g++) if (!ok[g]) { failures++; failing = g; }
        if (failures === 0) {
          matches++;
          if (shown.length < limit) shown.push(cards[i]);
        }
        if (failures > 1) continue;
        // Facet counts: how many would match with this option, the other groups as they are.
        var only = failures === 1 ? GROUPS[failing] : null;
        if (!only || only === "kategori") row[0].forEach(function (c) { add("kategori:" + index.kategori[c]); });
        if (!only || only === "gruppe") row[2].forEach(function (c) { add("gruppe:" + index.gruppe[c]); });
        if ((!only || only === "omrade") && row[3] >= 0) add("omrade:" + index.omrade[row[3]]);
        if (!only || only === "dag") DAYS.forEach(function (day, d) { if (row[4] & (1 << d)) add("dag:" + day); });
        if (!only || only === "pris") { if (row[5] & 1) add("pris:gratis"); if (row[5] & 2) add("pris:redusert"); }
        if (!only || only === "sprak") row[6].forEach(function (c) { add("sprak:" + index.sprak[c]); });
        if ((!only || only === "tilgjengelig") && row[7] === 1) add("tilgjengelig:ja");
      }
      Object.keys(counters).forEach(function (key) {
        var text = "(" + (counts[key] || 0) + ")";
        if (counters[key].textContent !== text) counters[key].textContent = text;
      });
      if (shown.length !== list.children.length || shown.some(function (card, n) { return list.children[n] !== card; })) {
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

    function writeUrl() {
      var params = new URLSearchParams();
      boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
      if (age.value !== "") params.set("alder", age.value);
      var query = params.toString();
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
      age.value = params.get("alder") || "";
    }

    readUrl();
    // Open the groups that the address already filters on.
    form.querySelectorAll("details").forEach(function (group) {
      if (group.querySelector("input:checked") || (group.contains(age) && age.value)) group.open = true;
    });
    form.hidden = false;
    apply();
    function changed() { limit = PAGE; apply(); writeUrl(); }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    if (more) more.addEventListener("click", function () { limit += PAGE; apply(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }
})();
