/* The question form (partials/question_form.html): the browser checks the fields; this
   shows its message next to each field (tied by aria-describedby) instead of a bubble.
   Without JavaScript the form is a plain POST with the browser's own checks. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-form]");
  if (!form) return;
  function errorOf(field) { return document.getElementById(field.id + "-fehler"); }
  function show(field) {
    var out = errorOf(field);
    if (!out) return;
    out.textContent = field.validity.valid ? "" : field.validationMessage;
    if (field.validity.valid) field.removeAttribute("aria-invalid");
    else field.setAttribute("aria-invalid", "true");
  }
  form.addEventListener("invalid", function (event) {
    event.preventDefault();
    show(event.target);
    var first = form.querySelector(":invalid:not(fieldset)");
    if (first === event.target) first.focus();
  }, true);
  form.addEventListener("input", function (event) { if (errorOf(event.target)) show(event.target); });
})();
