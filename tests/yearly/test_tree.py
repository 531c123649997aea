"""The governance tree's layout (yearly.tree): a tidy tree for a small hand-made hierarchy, no
two boxes overlapping, and its words (the alternative text, and the nested list on the page)."""

import itertools

from yearly import tree


def _body(name, *children, kind="Subgroup"):
    return {"name": name, "kind": kind, "children": list(children)}


HIERARCHY = [
    _body(
        "Board",
        _body("Learning", _body("Rapid reviews"), _body("Audit")),
        _body("Training"),
        kind="Board",
    ),
    _body("Youth Forum", kind="Forum"),
]


def _overlap(a, b) -> bool:
    return not (
        a["x"] + a["w"] <= b["x"]
        or b["x"] + b["w"] <= a["x"]
        or a["y"] + a["h"] <= b["y"]
        or b["y"] + b["h"] <= a["y"]
    )


def test_leaves_take_slots_left_to_right_and_parents_centre_over_their_children():
    layout = tree.layout(HIERARCHY)
    by_name = {node["name"]: node for node in layout["nodes"]}
    step = tree.BOX_W + tree.GAP_X
    leaves = ["Rapid reviews", "Audit", "Training", "Youth Forum"]
    assert [by_name[name]["x"] for name in leaves] == [tree.MARGIN + i * step for i in range(4)]
    assert (
        by_name["Learning"]["cx"] == (by_name["Rapid reviews"]["cx"] + by_name["Audit"]["cx"]) / 2
    )
    assert by_name["Board"]["cx"] == (by_name["Learning"]["cx"] + by_name["Training"]["cx"]) / 2
    row = tree.BOX_H + tree.GAP_Y
    assert {name: by_name[name]["depth"] for name in by_name} == {
        "Board": 0, "Learning": 1, "Rapid reviews": 2, "Audit": 2, "Training": 1,
        "Youth Forum": 0,
    }  # fmt: skip
    assert all(node["y"] == tree.MARGIN + node["depth"] * row for node in layout["nodes"])
    assert layout["width"] == 2 * tree.MARGIN + 4 * step - tree.GAP_X
    assert layout["height"] == 2 * tree.MARGIN + 3 * row - tree.GAP_Y


def test_no_two_boxes_overlap_and_every_box_is_inside_the_drawing():
    layout = tree.layout(HIERARCHY)
    for a, b in itertools.combinations(layout["nodes"], 2):
        assert not _overlap(a, b), (a["name"], b["name"])
    for node in layout["nodes"]:
        assert node["x"] >= 0 and node["x"] + node["w"] <= layout["width"]
        assert node["y"] >= 0 and node["y"] + node["h"] <= layout["height"]


def test_each_edge_joins_a_parent_bottom_to_its_child_top():
    layout = tree.layout(HIERARCHY)
    by_name = {node["name"]: node for node in layout["nodes"]}
    audit, learning = by_name["Audit"], by_name["Learning"]
    assert {"x1": learning["cx"], "y1": learning["y"] + learning["h"], "x2": audit["cx"],
            "y2": audit["y"]} in layout["edges"]  # fmt: skip
    assert len(layout["edges"]) == 4  # one for each body below another


def test_the_alternative_text_names_each_body_and_whom_it_reports_to():
    alt = tree.layout(HIERARCHY)["alt"]
    assert alt.startswith("Diagram of the partnership's governance: 6 bodies")
    assert "Board, Youth Forum at the top" in alt
    assert "Rapid reviews reports to Learning" in alt
    assert "Training reports to Board" in alt


def test_long_names_wrap_and_an_empty_tree_draws_nothing():
    layout = tree.layout([_body("Multi-agency safeguarding hub operational group of the county")])
    assert len(layout["nodes"][0]["lines"]) == tree.MAX_LINES
    assert all(len(line) <= tree.WRAP for line in layout["nodes"][0]["lines"])
    assert tree.layout([])["nodes"] == []
    assert tree.layout([])["alt"] == "No bodies are recorded."


def test_the_png_is_drawn():
    assert tree.tree_png(tree.layout(HIERARCHY)).startswith(b"\x89PNG")


def test_the_page_draws_the_svg_after_the_list(report, client_for, manager):
    from tests.factories import GovernanceBodyFactory

    board = GovernanceBodyFactory(name="Partnership Board", kind="board")
    GovernanceBodyFactory(name="Learning Subgroup", parent=board)
    html = client_for(manager).get(report.get_absolute_url()).content.decode()
    listed = html.index("<li>Partnership Board")
    svg = html.index('<svg role="img" aria-labelledby="governance-tree-title governance-tree-desc"')
    assert listed < svg
    assert "Learning Subgroup reports to Partnership Board" in html
    assert 'role="region" tabindex="0" aria-label="Governance tree diagram' in html
    assert ">Learning Subgroup</tspan>" in html
