// Progressive enhancement: star buttons show the visitor's own plan even on cached
// pages (from /plan/starred.json) and toggle without a page load; meeting slot
// checkboxes stop at three. Every form works without this file.
(function () {
  "use strict";
  function setStar(button, starred) {
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    var icon = button.querySelector(".star-icon");
    var label = button.querySelector(".star-label");
    if (icon) { icon.textContent = starred ? "\u2605" : "\u2606"; }
    if (label) { label.textContent = starred ? button.dataset.labelOn : button.dataset.labelOff; }
    var intent = button.form && button.form.elements.intent;
    if (intent) { intent.value = starred ? "remove" : "add"; }
  }
  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }
  var forms = document.querySelectorAll(".star-form");
  if (forms.length && window.fetch && forms[0].dataset.starredUrl) {
    fetch(forms[0].dataset.starredUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (plan) {
        if (!plan) { return; }
        forms.forEach(function (form) {
          var kind = form.elements.kind.value, slug = form.elements.slug.value;
          setStar(form.querySelector(".star-button"), (plan[kind] || []).indexOf(slug) !== -1);
        });
      }).catch(function () { /* the server-rendered state stays */ });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("star-form") || !window.fetch) { return; }
    event.preventDefault();
    var button = form.querySelector(".star-button");
    var body = new FormData(form);
    var headers = { "Accept": "application/json" };
    var token = cookie("csrftoken");
    if (token) {
      // A cached page may carry another visitor's form token: the cookie's one is ours.
      body.delete("csrfmiddlewaretoken");
      headers["X-CSRFToken"] = token;
    }
    fetch(form.action, { method: "POST", body: body, headers: headers, credentials: "same-origin" })
      .then(function (response) {
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
