//! The property: rewriting a document's layout, with the same content, does not change the
//! verdicts. Random subsets of the designed statements, in random order, are rendered into
//! two or three random layouts; every layout must give the same rows, and those rows must
//! be the designed ones (so that layouts agreeing on reading nothing cannot pass).

use proptest::prelude::*;
use proptest::sample::subsequence;

use super::designed::{RECS, Statement, expected};
use super::fixture::{self, rows};
use super::render::Layout;
use super::verdicts::difference;

/// A non-empty subset of the single-episode statements, perhaps with the document-wide
/// one, shuffled.
fn statements() -> impl Strategy<Value = Vec<Statement>> {
    (
        subsequence((0..RECS.len()).collect::<Vec<_>>(), 1..=RECS.len()),
        any::<bool>(),
    )
        .prop_map(|(recs, every)| {
            let mut statements: Vec<Statement> = recs.into_iter().map(Statement::Rec).collect();
            if every {
                statements.push(Statement::EveryEpisode);
            }
            statements
        })
        .prop_shuffle()
}

fn layouts() -> impl Strategy<Value = Vec<Layout>> {
    subsequence(Layout::ALL.to_vec(), 2..=3).prop_shuffle()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 16,
        failure_persistence: None,
        max_shrink_iters: 16,
        ..ProptestConfig::default()
    })]

    #[test]
    fn rewriting_the_layout_keeps_the_verdicts(
        statements in statements(),
        layouts in layouts(),
    ) {
        let want = expected(&statements);
        let mut first: Option<(Layout, Vec<fixture::Row>)> = None;
        for layout in layouts {
            let docs = layout.render(&statements);
            let out = fixture::course_with(&docs).run(&["lint", "--format", "json"]);
            let got = rows(&out);
            if let Some((other, theirs)) = &first {
                prop_assert!(
                    &got == theirs,
                    "{layout:?} and {other:?} disagree\n{}\ndocuments:\n{docs:#?}",
                    difference(&got, theirs)
                );
            }
            prop_assert!(
                got == want,
                "{layout:?} differs from the designed verdicts\n{}\ndocuments:\n{docs:#?}",
                difference(&got, &want)
            );
            first.get_or_insert((layout, got));
        }
    }
}
