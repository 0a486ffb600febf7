// Progressive enhancement: star buttons toggle without a page load, and meeting
// slot checkboxes stop at three. Every form works without this file.
(function () {
  "use strict";
  function setStar(button, starred) {
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    var icon = button.querySelector(".star-icon");
    var label = button.querySelector(".star-label");
    if (icon) { icon.textContent = starred ? "\u2605" : "\u2606"; }
    if (label) { label.textContent = starred ? button.dataset.labelOn : button.dataset.labelOff; }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("star-form") || !window.fetch) { return; }
    event.preventDefault();
    var button = form.querySelector(".star-button");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      setStar(button, data.starred);
    }).catch(function () { form.submit(); });
  });
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches(".slot-field input[type=checkbox]")) { return; }
    var field = box.closest(".slot-field");
    var checked = field.querySelectorAll("input[type=checkbox]:checked").length;
    field.querySelectorAll("input[type=checkbox]").forEach(function (other) {
      if (!other.checked) { other.disabled = checked >= 3; }
    });
  });
})();
