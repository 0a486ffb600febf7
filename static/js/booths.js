// Progressive enhancement of the floor plan and the application form; both work without it.
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  // SVG paints in document order and has no z-index, so a booth's outline and name tip
  // would sit under its right and lower neighbours. Moving the booth to the end of the
  // plan put them on top, but also moved it in the Tab order: the next Tab left the hall,
  // and a keyboard could reach one booth per hall. Instead, each plan gets a layer drawn
  // last, hidden from screen readers, into which the shown booth's outline and tip are
  // copied; the booths stay where they are.
  function enhancePlanSvg(svg) {
    var layer = document.createElementNS(SVG_NS, "g");
    layer.setAttribute("class", "plan-top");
    layer.setAttribute("aria-hidden", "true");
    svg.appendChild(layer);
    var highlighted = svg.querySelector(".booth.is-highlighted");

    function show(booth) {
      while (layer.firstChild) { layer.removeChild(layer.firstChild); }
      if (!booth) { return; }
      var box = booth.querySelector(".booth-box");
      var tip = booth.querySelector(".booth-tip");
      if (box) {
        var ring = box.cloneNode(false);
        ring.setAttribute("class", "booth-ring");
        ring.removeAttribute("fill");
        layer.appendChild(ring);
      }
      if (tip) { layer.appendChild(tip.cloneNode(true)); }
    }

    function focusedBooth() {
      var active = document.activeElement;
      if (active && svg.contains(active) && active.classList.contains("booth")) { return active; }
      return highlighted;
    }

    svg.querySelectorAll(".booth").forEach(function (booth) {
      booth.addEventListener("mouseenter", function () { svg.classList.remove("tips-dismissed"); show(booth); });
      booth.addEventListener("mouseleave", function () { show(focusedBooth()); });
      // Only on booths that take focus: Chromium makes any SVG element with a focus
      // listener focusable, which would put the kept booths in the Tab order.
      if (booth.tagName.toLowerCase() === "a" || booth.hasAttribute("tabindex")) {
        booth.addEventListener("focus", function () { svg.classList.remove("tips-dismissed"); show(booth); });
        booth.addEventListener("blur", function () { show(highlighted); });
      }
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
    show(highlighted);
    if (highlighted) { highlighted.scrollIntoView({ block: "center", inline: "center" }); }
  }

  function enhancePlan() {
    var plans = document.querySelectorAll(".plan-svg");
    plans.forEach(enhancePlanSvg);
    // A name tip covers the neighbouring booths: Escape puts it away without moving the
    // pointer or the focus (WCAG 1.4.13); the next booth hovered or focused shows its own.
    // The focused booth keeps its outline.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      plans.forEach(function (svg) { svg.classList.add("tips-dismissed"); });
    });
  }

  // The booths of the companies the visitor saved in My plan, marked from the plan's own
  // small uncached answer (/plan/starred.json): the floor plan is one cached page for
  // everyone and holds no visitor's plan. A booth links to its company's profile,
  // /exhibitors/<slug>/, the slug My plan keeps.
  function markSavedBooths() {
    var legend = document.querySelector(".plan-legend[data-starred-url]");
    var saved = legend && legend.querySelector(".legend-saved");
    if (!saved || !window.fetch) { return; }
    fetch(legend.getAttribute("data-starred-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (plan) {
        var slugs = (plan && plan.exhibitor) || [];
        if (!slugs.length) { return; }
        var word = saved.querySelector(".legend-saved-label").textContent;
        var count = 0;
        document.querySelectorAll(".plan-svg a.booth-taken").forEach(function (booth) {
          var path = new URL(booth.getAttribute("href"), window.location.href).pathname;
          var match = /\/exhibitors\/([^\/]+)\/$/.exec(path);
          if (!match || slugs.indexOf(decodeURIComponent(match[1])) === -1) { return; }
          booth.classList.add("is-saved");
          booth.setAttribute("aria-label", booth.getAttribute("aria-label") + " · " + word);
          var row = document.getElementById("row-" + booth.id.replace(/^booth-/, ""));
          if (row) { row.classList.add("is-saved"); }
          count += 1;
        });
        if (count) {
          saved.querySelector(".legend-saved-count").textContent = String(count);
          saved.hidden = false;
        }
      }).catch(function () { /* the plan stays as everyone sees it */ });
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
      var unpriced = false;
      boxes.forEach(function (box) {
        var row = box.closest("tr");
        if (box.checked) {
          var price = parseInt(box.getAttribute("data-price"), 10) || 0;
          // A booth without a price (0) is one the board will quote: no sum is shown.
          if (price === 0) { unpriced = true; }
          total += price;
          count += 1;
        }
        if (row) { row.classList.toggle("is-chosen", box.checked); }
      });
      var shown = unpriced ? output.getAttribute("data-unpriced") : formatVnd(total);
      if (count === 0) {
        output.textContent = output.getAttribute("data-empty");
      } else if (count > max) {
        output.textContent = shown + " (" + output.getAttribute("data-over") + ")";
      } else {
        output.textContent = shown;
      }
    }
    table.addEventListener("change", update);
    update();
    var chosen = table.querySelector("tr.is-chosen");
    if (chosen && window.location.search.indexOf("booth=") !== -1) {
      chosen.scrollIntoView({ block: "nearest" });
    }
  }

  // The fascia box follows the trading name, in capitals as boards are lettered, until
  // the company types a text of its own (emptied, it follows the name again). Without the
  // script the server writes the same default when the box is left empty.
  function prefillFascia() {
    var fascia = document.querySelector(".apply-form [data-fascia-from]");
    if (!fascia) { return; }
    var sources = fascia.getAttribute("data-fascia-from").split(" ").map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
    var limit = parseInt(fascia.getAttribute("maxlength") || "120", 10);
    function fromName() {
      var name = "";
      sources.forEach(function (source) {
        if (!name) { name = source.value.trim().replace(/\s+/g, " "); }
      });
      return name.toLocaleUpperCase("vi").slice(0, limit).trim();
    }
    // A text of its own: not the one the name gives (a form shown again keeps following).
    function typed() { return fascia.value.trim() !== "" && fascia.value !== fromName(); }
    var own = typed();
    if (!own) { fascia.value = fromName(); }
    fascia.addEventListener("input", function () { own = typed(); });
    sources.forEach(function (source) {
      source.addEventListener("input", function () {
        if (!own) { fascia.value = fromName(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhancePlan();
    markSavedBooths();
    enhanceApplyForm();
    prefillFascia();
  });
})();
