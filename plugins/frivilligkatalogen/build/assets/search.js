/* Frivilligkatalogen: the search page. Starts Pagefind's interface with Norwegian
 * texts from the page, and runs the query from the address (?q=...), which the
 * search form in the header sends. */
(function () {
  "use strict";
  var element = document.getElementById("katalog-sok");
  if (!element || !window.PagefindUI) return;
  var texts = JSON.parse(element.getAttribute("data-translations"));
  var ui = new window.PagefindUI({
    element: "#katalog-sok",
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    translations: texts,
    // An association's result shows its summary, as on its card in the directory.
    processResult: function (result) {
      if (result.meta && result.meta.sammendrag) result.excerpt = result.meta.sammendrag;
      return result;
    }
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
