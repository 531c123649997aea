// Progress report page: shows a "Print or save as PDF" button that opens the browser's print
// dialogue. Without JavaScript the page says to use the browser's Print command instead.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-print").forEach(function (item) {
    item.classList.remove("d-none");
    item.querySelector("[data-print]").addEventListener("click", function () {
      window.print();
    });
  });
});
