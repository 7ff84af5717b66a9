/* kz-between-chairs: filtering and sorting of tables, copy buttons.  The
   pages work without this file: tables are plain tables, the filter and the
   copy buttons stay hidden. */
(function () {
  "use strict";
  var lang = document.documentElement.lang;

  function text(cell) {
    var sort = cell.getAttribute("data-sort");
    return sort !== null ? sort : cell.textContent.trim();
  }

  function filter(input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    var output = document.getElementById(input.getAttribute("data-filter") + "-count");
    var rows = table.tBodies[0].rows;
    var query = input.value.trim().toLocaleLowerCase(lang);
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var hit = !query || rows[i].textContent.toLocaleLowerCase(lang).indexOf(query) !== -1;
      rows[i].hidden = !hit;
      if (hit) shown++;
    }
    var category = new Intl.PluralRules(lang).select(rows.length);
    var template = output.getAttribute("data-" + category) || output.getAttribute("data-other");
    output.textContent = template.replace("{shown}", shown.toLocaleString(lang)).replace("{total}", rows.length.toLocaleString(lang));
  }

  function sortBy(table, column, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.classList.contains("num");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
    rows.sort(function (a, b) {
      var x = text(a.cells[column]), y = text(b.cells[column]);
      var order;
      if (numeric) {
        order = (x === "" ? Infinity : parseFloat(x)) - (y === "" ? Infinity : parseFloat(y));
      } else {
        order = collator.compare(x, y);
      }
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, column, th); });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (input) {
    input.closest(".filter").hidden = false;
    input.addEventListener("input", function () { filter(input); });
    filter(input);
  });

  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      function done() {
        button.textContent = button.getAttribute("data-done");
        setTimeout(function () { button.textContent = label; }, 2000);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.textContent).then(done, function () { select(source); });
      } else {
        select(source);
        try { if (document.execCommand("copy")) done(); } catch (e) { /* the text stays selected */ }
      }
    });
  });

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
})();
