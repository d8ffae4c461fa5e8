document.querySelectorAll('.filters input').forEach(function (box) {
  box.addEventListener('change', function () {
    document.querySelectorAll('section.code[data-severity="' + box.value + '"]').forEach(function (s) {
      s.classList.toggle('hidden', !box.checked);
    });
  });
});
