// Copy-link: without JS the link is simply the page's address; with it, a click copies it.
document.querySelectorAll("[data-copy]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    if (!navigator.clipboard) return;
    event.preventDefault();
    var status = link.parentNode.querySelector("[role=status]");
    navigator.clipboard.writeText(link.href).then(function () {
      status.textContent = status.getAttribute("data-copied");
      setTimeout(function () { status.textContent = ""; }, 4000);
    });
  });
});
