// armsledger: keyboard shortcuts only. Every page works without this file.
//   /      focus the search box
//   j / k  move through the rows of the page's main table
//   Enter  open the current row's link (the system, the article)
(function () {
  "use strict";
  var current = -1;

  function rows() {
    var table = document.querySelector("table[data-rows]");
    return table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (target && target.isContentEditable);
  }

  function select(index) {
    var all = rows();
    if (!all.length) { return; }
    if (current >= 0 && all[current]) { all[current].classList.remove("is-current"); }
    current = Math.max(0, Math.min(all.length - 1, index));
    var row = all[current];
    row.classList.add("is-current");
    row.scrollIntoView({ block: "nearest" });
    var link = row.querySelector("a.row-link") || row.querySelector("a");
    if (link) { link.focus({ preventScroll: true }); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    if (event.key === "/") {
      var box = document.querySelector("[data-hotkey='/']");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    } else if (event.key === "j") {
      select(current + 1);
    } else if (event.key === "k") {
      select(current - 1);
    }
  });
}());
