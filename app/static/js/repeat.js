/* Repeating form groups (投诉人, 当事人…): 添加一行 clones the group's <template>, 删除 removes a row.
   Rows are named name[i].field; the server reads them in page order, so gaps in i do not matter. */
(function () {
  "use strict";
  function renumber(group) {
    var rows = group.querySelectorAll("[data-repeat-rows] > [data-repeat-row]");
    for (var i = 0; i < rows.length; i++) {
      var no = rows[i].querySelector(".repeat-no");
      if (no) { no.textContent = String(i + 1); }
    }
  }
  function nextIndex(group) {
    var max = -1;
    var inputs = group.querySelectorAll("[data-repeat-rows] [name]");
    for (var i = 0; i < inputs.length; i++) {
      var m = /\[(\d+)\]\./.exec(inputs[i].getAttribute("name"));
      if (m && Number(m[1]) > max) { max = Number(m[1]); }
    }
    return max + 1;
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    var group = target.closest ? target.closest("[data-repeat]") : null;
    if (!group) { return; }
    if (target.hasAttribute("data-repeat-add")) {
      event.preventDefault();
      var template = group.querySelector("template[data-repeat-template]");
      var html = template.innerHTML.replace(/__i__/g, String(nextIndex(group)));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var list = group.querySelector("[data-repeat-rows]");
      while (holder.firstElementChild) { list.appendChild(holder.firstElementChild); }
      renumber(group);
      var first = list.lastElementChild && list.lastElementChild.querySelector("input, select, textarea");
      if (first) { first.focus(); }
    } else if (target.hasAttribute("data-repeat-remove")) {
      event.preventDefault();
      var row = target.closest("[data-repeat-row]");
      if (row) { row.parentNode.removeChild(row); }
      renumber(group);
    }
  });
})();
