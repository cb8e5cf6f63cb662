//! The one walk of a syntax tree that the checks grammars let pass share: every node in
//! document order, each asked for its problems, the first problem (by its start) kept and all
//! of them counted.

use super::Problem;

/// The earliest problem `problems_at` finds at any node of the tree under `root`, and how many
/// it finds in all. One pre-order walk with a cursor; nothing is allocated per node.
pub(super) fn first_problem<I>(
    root: tree_sitter::Node<'_>,
    mut problems_at: impl FnMut(tree_sitter::Node<'_>) -> I,
) -> Option<(Problem, usize)>
where
    I: IntoIterator<Item = Problem>,
{
    let mut first: Option<Problem> = None;
    let mut count = 0;
    let mut cursor = root.walk();
    loop {
        for problem in problems_at(cursor.node()) {
            count += 1;
            if first
                .as_ref()
                .is_none_or(|found| problem.start < found.start)
            {
                first = Some(problem);
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return first.map(|problem| (problem, count));
            }
        }
    }
}
