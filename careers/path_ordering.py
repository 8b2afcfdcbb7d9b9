"""Ordering the items of a layered map so that few arrows cross (careers.path_layout).

Between two neighbouring columns, two arrows cross exactly when their ends are in
opposite orders; two loops beside the first or last column cross when their ends
interleave. Everything here counts and reduces those crossings, working on the order
of `columns` alone; the drawing (careers.path_layout) keeps the promise that what is
counted here is what is drawn.
"""

from itertools import pairwise
from random import Random

# Rounds of sweeps per start; the best order seen is kept.
ORDERING_ROUNDS = 12
# Shuffled orders to start from when the first still has crossings.
ORDERING_RESTARTS = 6
# How big a map (the sum of its columns' lengths squared) still gets sifting and
# restarts; the seed's is about 250. Larger maps get sweeps and swaps only, which
# take far less time.
SMALL_MAP = 1000


class Ordering:
    """Crossing minimisation for Layout. Needs `count`, `columns` (lists of items),
    `left` and `right` (id(item) -> items joined in the column before / after) and
    `loops` (per column, (item, item, step index) for each loop beside it)."""

    def crossings(self):
        """How many pairs of arrows cross, for the current order."""
        position = self._positions()
        total = 0
        for column in self.columns[:-1]:
            ends = sorted(
                (position[id(a)], position[id(b)]) for a in column for b in self.right[id(a)]
            )
            total += sum(
                1
                for i, (a1, b1) in enumerate(ends)
                for a2, b2 in ends[i + 1 :]
                if a1 < a2 and b1 > b2
            )
        return total + sum(
            len(self._crossing_loops(column, position)) for column in (0, self.count - 1)
        )

    def crossing_steps(self):
        """The steps (indexes into `pairs`) whose arrows cross another's."""
        position = self._positions()
        found = set()
        for column in range(self.count - 1):
            ends = [
                (position[id(a)], position[id(b)], chain.index)
                for chain in self.chains
                for a, b in pairwise(chain.items)
                if a.column == column and b.column == column + 1
            ]
            for a1, b1, first in ends:
                for a2, b2, second in ends:
                    if a1 < a2 and b1 > b2:
                        found |= {first, second}
        for column in (0, self.count - 1):
            for pair in self._crossing_loops(column, position):
                found |= set(pair)
        return found

    def _crossing_loops(self, column, position):
        spans = [
            (*sorted((position[id(a)], position[id(b)])), index)
            for a, b, index in self.loops[column]
        ]
        return [
            (first, second)
            for i, (a1, a2, first) in enumerate(spans)
            for b1, b2, second in spans[i + 1 :]
            if a1 < b1 < a2 < b2 or b1 < a1 < b2 < a2
        ]

    def _positions(self):
        return {id(item): index for column in self.columns for index, item in enumerate(column)}

    def small(self):
        """Whether the map is small enough for the thorough (quadratic) steps."""
        return sum(len(column) ** 2 for column in self.columns) <= SMALL_MAP

    def order(self, restarts=0):
        """Order each column to keep arrows from crossing: from the current order,
        then, while arrows still cross, from up to `restarts` shuffled ones (seeded,
        so the same data always gives the same map). Keeps the best; returns how many
        pairs of arrows still cross."""
        self._looped = {id(item) for loops in self.loops for loop in loops for item in loop[:2]}
        best, fewest = self._sweep()
        for seed in range(restarts):
            if fewest == 0:
                break
            random = Random(seed)
            for column in self.columns:
                random.shuffle(column)
            order, found = self._sweep()
            if found < fewest:
                best, fewest = order, found
        self.columns = best
        return fewest

    def _sweep(self):
        """Barycentre sweeps, alternately left to right and right to left, each
        followed by swapping neighbours (and, on small maps, sifting)."""
        best, fewest = [list(column) for column in self.columns], self.crossings()
        for round_ in range(ORDERING_ROUNDS):
            if fewest == 0:
                break
            forwards = round_ % 2 == 0
            indexes = range(1, self.count) if forwards else range(self.count - 2, -1, -1)
            for index in indexes:
                self._sort_by_barycentre(index, self.left if forwards else self.right)
            self._transpose()
            if self.small():
                self._sift()
            found = self.crossings()
            if found < fewest:
                best, fewest = [list(column) for column in self.columns], found
        return best, fewest

    def _sort_by_barycentre(self, index, neighbours):
        """Sort a column by the mean place of what each item is joined to; an item
        joined to nothing there stays after the item it follows now."""
        position = self._positions()
        keys, last = {}, -1.0
        for item in self.columns[index]:
            joined = neighbours[id(item)]
            if joined:
                last = sum(position[id(other)] for other in joined) / len(joined)
            keys[id(item)] = (last, position[id(item)])
        self.columns[index].sort(key=lambda item: keys[id(item)])

    def _swap_gain(self, number, upper, lower, position):
        """How many crossings swapping two neighbouring items would remove."""
        gain = 0
        for side in (self.left, self.right):
            below = [position[id(b)] for b in side[id(lower)]]
            for a in side[id(upper)]:
                here = position[id(a)]
                gain += sum((here > there) - (here < there) for there in below)
        if self.loops[number] and (id(upper) in self._looped or id(lower) in self._looped):
            before = len(self._crossing_loops(number, position))
            position[id(upper)], position[id(lower)] = position[id(lower)], position[id(upper)]
            gain += before - len(self._crossing_loops(number, position))
            position[id(upper)], position[id(lower)] = position[id(lower)], position[id(upper)]
        return gain

    def _transpose(self):
        """Swap neighbours while that removes crossings."""
        improved, rounds = True, 0
        while improved and rounds < 2 * len(self.boxes) + 2:
            improved, rounds = False, rounds + 1
            position = self._positions()
            for number, column in enumerate(self.columns):
                for index in range(len(column) - 1):
                    upper, lower = column[index], column[index + 1]
                    if self._swap_gain(number, upper, lower, position) > 0:
                        column[index], column[index + 1] = lower, upper
                        position[id(upper)], position[id(lower)] = index + 1, index
                        improved = True

    def _sift(self):
        """Move each item, most joined first, to the place in its column where the
        fewest arrows cross: sifting finds what swapping neighbours cannot."""
        position = self._positions()
        for number, column in enumerate(self.columns):
            joined = {id(item): len(self.left[id(item)] + self.right[id(item)]) for item in column}
            for item in sorted(column, key=lambda item: -joined[id(item)]):
                column.remove(item)
                column.insert(0, item)
                for index, other in enumerate(column):
                    position[id(other)] = index
                gain, best_gain, best_index = 0, 0, 0
                for index in range(len(column) - 1):
                    other = column[index + 1]
                    gain += self._swap_gain(number, item, other, position)
                    column[index], column[index + 1] = other, item
                    position[id(other)], position[id(item)] = index, index + 1
                    if gain > best_gain:
                        best_gain, best_index = gain, index + 1
                column.pop()
                column.insert(best_index, item)
                for index, other in enumerate(column):
                    position[id(other)] = index
