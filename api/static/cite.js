// The copy button beside a citation: shown only where a script can copy; says when it copied.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("button.copy[data-copy]"), function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = button.dataset.copied || "Copied";
        setTimeout(function () { button.textContent = button.dataset.copy_again || "Copy"; }, 2000);
      }, function () { button.textContent = button.dataset.by_hand || "Select and copy the text"; });
    });
  });
}());
