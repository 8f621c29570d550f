"""derivations.pictures draws what the data says: every label is the network's value."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest

import backprop as bp
from derivations.pictures import Edge, Node, computational_graph, network_diagram, symbol

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter(f"{SVG}text")]


def test_symbol_writes_layer_superscripts_and_index_subscripts() -> None:
    assert symbol("W", "(2)", "12") == "W⁽²⁾₁₂"
    assert symbol("x", "", "1") == "x₁"
    with pytest.raises(ValueError, match="no Unicode subscript"):
        symbol("W", "", "j")


def test_network_diagram_labels_every_weight_and_bias_with_its_value() -> None:
    net = bp.Network([2, 2, 1], seed=3)
    picture = network_diagram([w.tolist() for w in net.weights], [b.tolist() for b in net.biases])
    drawn = texts(picture.svg)
    assert drawn == list(picture.labels)
    for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):
        for (j, k), value in np.ndenumerate(w):
            expected = f"{symbol('W', f'({layer})', f'{j + 1}{k + 1}')} = {value:.2f}"
            assert expected.replace("-", "−") in drawn
            assert expected.replace("-", "−") in picture.alt
        for j, value in enumerate(b[:, 0]):
            expected = f"{symbol('b', f'({layer})', f'{j + 1}')} = {value:.2f}".replace("-", "−")
            assert expected in drawn
    # 2·2 + 2·1 weights, 2 + 1 biases, 5 neuron names.
    assert len(drawn) == 6 + 3 + 5
    assert ET.fromstring(picture.svg).get("role") == "img"
    assert ET.fromstring(picture.svg).get("aria-label") == picture.alt


def test_network_diagram_of_another_network_shows_its_own_numbers() -> None:
    one = bp.Network([2, 2, 1], seed=3)
    other = bp.Network([2, 2, 1], seed=4)
    first = network_diagram([w.tolist() for w in one.weights], [b.tolist() for b in one.biases])
    second = network_diagram(
        [w.tolist() for w in other.weights], [b.tolist() for b in other.biases]
    )
    assert first.labels != second.labels


def test_network_diagram_refuses_shapes_that_do_not_chain() -> None:
    with pytest.raises(ValueError, match="layer 2: expected W"):
        network_diagram([[[1.0, 2.0]], [[1.0, 2.0]]], [[[0.0]], [[0.0]]])
    with pytest.raises(ValueError, match="one weight matrix and one bias column per layer"):
        network_diagram([[[1.0]]], [])
    with pytest.raises(ValueError, match="finite"):
        network_diagram([[[float("nan")]]], [[[0.0]]])


def test_computational_graph_shows_values_gradients_and_local_derivatives() -> None:
    nodes = [Node("x", 2.0, -0.5, 0, 0), Node("z", 6.0, 0.25, 1, 0)]
    picture = computational_graph(nodes, [Edge("x", "z", -2.0)], digits=2)
    drawn = texts(picture.svg)
    assert drawn == ["−2.00", "x = 2.00", "∂L/∂x = −0.50", "z = 6.00", "∂L/∂z = 0.25"]
    assert "∂z/∂x = −2.00" in picture.alt
    root = ET.fromstring(picture.svg)
    marker = next(root.iter(f"{SVG}marker")).get("id")
    assert next(root.iter(f"{SVG}line")).get("marker-end") == f"url(#{marker})"


def test_two_graphs_never_share_an_arrow_id() -> None:
    first = computational_graph(
        [Node("x", 1.0, 1.0, 0, 0), Node("y", 1.0, 1.0, 1, 0)], [Edge("x", "y", 1.0)]
    )
    second = computational_graph(
        [Node("x", 2.0, 1.0, 0, 0), Node("y", 1.0, 1.0, 1, 0)], [Edge("x", "y", 1.0)]
    )
    ids = [next(ET.fromstring(p.svg).iter(f"{SVG}marker")).get("id") for p in (first, second)]
    assert ids[0] != ids[1]


def test_computational_graph_refuses_an_edge_to_a_missing_node() -> None:
    with pytest.raises(ValueError, match="'y', not a node"):
        computational_graph([Node("x", 1.0, 1.0, 0, 0)], [Edge("x", "y", 1.0)])
    with pytest.raises(ValueError, match="unique"):
        computational_graph([Node("x", 1.0, 1.0, 0, 0), Node("x", 1.0, 1.0, 1, 0)], [])
