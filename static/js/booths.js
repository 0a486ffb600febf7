// Progressive enhancement of the floor plan and the application form; both work without it.
(function () {
  "use strict";

  function bringToFront(node) {
    // SVG paints in document order: move the booth last so its name tip is on top.
    if (node && node.parentNode && node.parentNode.lastElementChild !== node) {
      node.parentNode.appendChild(node);
    }
  }

  function enhancePlan() {
    var booths = document.querySelectorAll(".plan-svg .booth");
    booths.forEach(function (booth) {
      booth.addEventListener("mouseenter", function () { bringToFront(booth); });
      booth.addEventListener("focus", function () {
        // Moving a node drops its focus: give it back (the second call finds it last).
        bringToFront(booth);
        if (document.activeElement !== booth) { booth.focus(); }
      });
      if (booth.classList.contains("booth-taken") && booth.tagName.toLowerCase() === "a") {
        // Phones have no hover: the first tap shows the name, the second opens the profile.
        var firstTap = false;
        booth.addEventListener("pointerdown", function (event) {
          firstTap = event.pointerType === "touch" && document.activeElement !== booth;
        });
        booth.addEventListener("click", function (event) {
          if (firstTap) {
            event.preventDefault();
            booth.focus();
            firstTap = false;
          }
        });
      }
    });
    var highlighted = document.querySelector(".plan-svg .booth.is-highlighted");
    if (highlighted) {
      bringToFront(highlighted);
      highlighted.scrollIntoView({ block: "center", inline: "center" });
    }
  }

  function formatVnd(amount) {
    return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "\u00a0₫";
  }

  function enhanceApplyForm() {
    var table = document.querySelector(".apply-form .booth-table");
    if (!table) { return; }
    var output = document.querySelector(".apply-form .live-total");
    if (!output) { return; }
    var max = parseInt(table.getAttribute("data-max") || "3", 10);
    function update() {
      var boxes = table.querySelectorAll("input[name='preferred_booths']");
      var total = 0;
      var count = 0;
      boxes.forEach(function (box) {
        var row = box.closest("tr");
        if (box.checked) {
          total += parseInt(box.getAttribute("data-price"), 10) || 0;
          count += 1;
        }
        if (row) { row.classList.toggle("is-chosen", box.checked); }
      });
      if (count === 0) {
        output.textContent = output.getAttribute("data-empty");
      } else if (count > max) {
        output.textContent = formatVnd(total) + " (" + output.getAttribute("data-over") + ")";
      } else {
        output.textContent = formatVnd(total);
      }
    }
    table.addEventListener("change", update);
    update();
    var chosen = table.querySelector("tr.is-chosen");
    if (chosen && window.location.search.indexOf("booth=") !== -1) {
      chosen.scrollIntoView({ block: "nearest" });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhancePlan();
    enhanceApplyForm();
  });
})();
