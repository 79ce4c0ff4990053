"""The oracle's own comparison (oracle.py's norm and compare), run by run.sh before the suite:
a comparison that passed everything would make the suite prove nothing."""

import decimal
import unittest

from oracle import compare, for_ladybug, norm

# LadybugDB's internal node ids -> our ids, as oracle.internal_ids builds it.
INTERNAL = {(0, 0): "a", (0, 1): "b"}


class Norm(unittest.TestCase):
    def test_numbers_compare_as_numbers(self):
        self.assertEqual(norm(3, None), norm(3.0, None))
        self.assertEqual(norm(decimal.Decimal("394"), None), norm(394, None))
        self.assertEqual(norm(0.1 + 0.2, None), norm(0.3, None))
        self.assertNotEqual(norm(True, None), norm(1, None))

    def test_nodes_compare_by_id(self):
        ours = {"id": "a", "name": "A", "kind": "cluster"}
        theirs = {"_ID": {"offset": 0, "table": 0}, "_LABEL": "Cluster", "id": "a", "name": "A"}
        self.assertEqual(norm(ours, None), norm(theirs, INTERNAL))

    def test_edges_compare_by_ends_and_type(self):
        ours = {"from": "a", "type": "presides", "to": "b", "date": None, "evidence": []}
        theirs = {"_SRC": {"offset": 0, "table": 0}, "_DST": {"offset": 1, "table": 0},
                  "_LABEL": "presides", "_ID": {"offset": 0, "table": 2}}
        self.assertEqual(norm(ours, None), norm(theirs, INTERNAL))
        backwards = dict(ours, **{"from": "b", "to": "a"})
        self.assertNotEqual(norm(backwards, None), norm(theirs, INTERNAL))

    def test_lists_compare_sorted(self):
        self.assertEqual(norm([3, 1, None], None), norm([None, 1, 3], None))
        self.assertNotEqual(norm([1, 1], None), norm([1], None))


class Compare(unittest.TestCase):
    def test_multisets(self):
        self.assertIsNone(compare({}, ([["a"], ["b"]], None), ([["b"], ["a"]], None)))
        self.assertIn("rows differ", compare({}, ([["a"], ["a"]], None), ([["a"]], None)))

    def test_order_on_the_keys_only(self):
        q = {"order": [1]}
        same_keys = compare(q, ([["x", 2], ["y", 1], ["z", 1]], None),
                            ([["x", 2], ["z", 1], ["y", 1]], None))
        self.assertIsNone(same_keys)
        self.assertIn("other order", compare(q, ([["y", 1], ["x", 2]], None),
                                             ([["x", 2], ["y", 1]], None)))

    def test_errors_fail(self):
        self.assertIn("clustergraph failed", compare({}, (None, "boom"), ([], None)))
        self.assertIn("LadybugDB failed", compare({}, ([], None), (None, "boom")))

    def test_ladybug_text(self):
        self.assertEqual(for_ladybug({"cypher": "RETURN type(r), TYPE(s)"}),
                         "RETURN label(r), label(s)")
        self.assertEqual(for_ladybug({"cypher": "x", "ladybug": "y"}), "y")


if __name__ == "__main__":
    unittest.main()
