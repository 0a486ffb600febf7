// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// Filter panels start folded on phones (results come first) and open on wide screens.
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(min-width: 56rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }
});
