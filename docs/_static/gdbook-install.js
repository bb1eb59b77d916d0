// The install command of docs/_ext/gdbook_wheel.py: put the wheel's absolute URL in
// it, as the browser resolves the link from this page's address, so the command is
// right wherever the site is served. Without JavaScript the command names the file.
document.querySelectorAll("[data-gdbook-install]").forEach((box) => {
  const link = box.querySelector("a.gdbook-wheel");
  const target = box.querySelector(".gdbook-wheel-url");
  if (!link || !target) return;
  target.textContent = link.href;
  box.querySelectorAll(".gdbook-nojs").forEach((note) => note.remove());
});
