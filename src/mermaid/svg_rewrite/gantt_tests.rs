//! Gantt charts measured: axis dates apart, bars painted, labels inside their bar or beside it.

use crate::mermaid::render_tests::render;
use crate::mermaid::svg_rewrite::geometry::view_box;
use crate::mermaid::svg_rewrite::has_class;
use crate::mermaid::svg_rewrite::measure::{
    Element, Scheme, contrast, elements, number, resolve, style_property,
};
use crate::mermaid::svg_rewrite::text_width::estimated_width;
use crate::mermaid::svg_rewrite::tokens::tokenize;

/// A dozen tasks over about four months: d3 picks weekly ticks, 38 px apart.
const ROADMAP: &str = "gantt
    title Platform migration
    dateFormat YYYY-MM-DD
    axisFormat %Y-%m-%d
    section Discovery
    Inventory services      :inv, 2017-01-01, 10d
    Dependency mapping      :dep, after inv, 7d
    Risk review             :risk, after dep, 5d
    section Build
    Shared libraries        :lib, after risk, 12d
    CI pipeline             :ci, after lib, 9d
    Observability stack     :obs, after ci, 12d
    section Migration
    Pilot service           :crit, pilot, after obs, 6d
    Wave one                :done, w1, after pilot, 14d
    Soak testing            :active, soak, after w1, 14d
    section Validation
    Load testing            :load, after soak, 10d
    Chaos drills            :chaos, after load, 4d
    Production validation and sign-off by every stakeholder :sign, after chaos, 3d
    Cutover                 :milestone, cut, after sign, 0d
";

/// Four years with quarterly ticks.
const PROGRAMME: &str = "gantt
    dateFormat YYYY-MM-DD
    section Programme
    Phase one   :a, 2017-01-01, 500d
    Phase two   :b, after a, 500d
    Phase three :c, after b, 500d
";

/// The drawn axis dates: centre x, width.
fn axis_dates(found: &[Element]) -> Vec<(f64, f64, String)> {
    found
        .windows(3)
        .filter(|w| has_class(&w[0].tag, "tick") && w[2].tag.local_name() == "text")
        .filter(|w| !w[2].text.trim().is_empty())
        .map(|w| {
            let size = number(&w[2].tag, "font-size");
            let x = w[2].offset.0 + number(&w[2].tag, "x");
            (x, estimated_width(&w[2].text, size), w[2].text.clone())
        })
        .collect()
}

#[test]
fn gantt_axis_dates_do_not_run_into_each_other() {
    for source in [ROADMAP, PROGRAMME] {
        let found = elements(&render(source, "g"));
        let dates = axis_dates(&found);
        assert!(dates.len() >= 4, "too few dates left: {dates:?}");
        for pair in dates.windows(2) {
            let (left, right) = (&pair[0], &pair[1]);
            let gap = (right.0 - right.1 / 2.0) - (left.0 + left.1 / 2.0);
            assert!(
                gap >= 4.0,
                "{} and {} are {gap:.1} px apart",
                left.2,
                right.2
            );
        }
    }
}

#[test]
fn gantt_bars_have_a_fill_that_shows_in_light_and_dark() {
    let found = elements(&render(ROADMAP, "g"));
    let bars: Vec<&Element> = found
        .iter()
        .filter(|e| e.tag.local_name() == "rect" && has_class(&e.tag, "task"))
        .collect();
    assert_eq!(bars.len(), 13);
    for scheme in [Scheme::Light, Scheme::Dark] {
        let canvas = resolve("var(--mermaid-canvas)", scheme).unwrap_or_default();
        let text = resolve("var(--mermaid-text)", scheme).unwrap_or_default();
        for bar in &bars {
            let fill = style_property(&bar.tag, "fill").unwrap_or_default();
            let Some(colour) = resolve(&fill, scheme) else {
                panic!("bar fill {fill:?} is not a colour");
            };
            let against_page = contrast(colour, canvas);
            assert!(against_page >= 1.3, "{scheme:?} {fill}: {against_page:.2}");
            let label = contrast(colour, text);
            assert!(label >= 4.5, "{scheme:?} label on {fill}: {label:.2}");
        }
    }
}

#[test]
fn gantt_task_labels_sit_inside_their_bar_or_beside_it_within_the_view_box() {
    let svg = render(ROADMAP, "g");
    let found = elements(&svg);
    let Some(view) = view_box(&tokenize(&svg)) else {
        panic!("no viewBox");
    };
    let bar_of = |id: &str| {
        found
            .iter()
            .find(|e| e.tag.local_name() == "rect" && e.tag.attribute("id") == Some(id))
            .map(|e| {
                (
                    number(&e.tag, "x"),
                    number(&e.tag, "x") + number(&e.tag, "width"),
                )
            })
    };
    let mut checked = 0;
    for label in found.iter().filter(|e| e.tag.local_name() == "text") {
        let Some((left, right)) = label
            .tag
            .attribute("id")
            .and_then(|id| id.strip_suffix("-text"))
            .and_then(bar_of)
        else {
            continue;
        };
        let width = estimated_width(&label.text, number(&label.tag, "font-size"));
        let x = number(&label.tag, "x");
        let (start, end) = if has_class(&label.tag, "taskTextOutsideRight") {
            (x, x + width)
        } else if has_class(&label.tag, "taskTextOutsideLeft") {
            (x - width, x)
        } else {
            (x - width / 2.0, x + width / 2.0)
        };
        let inside = start >= left + 3.5 && end <= right - 3.5;
        let beside = end <= left || start >= right;
        let name = label.text.trim();
        assert!(
            inside || beside,
            "{name}: label {start:.1}..{end:.1}, bar {left}..{right}"
        );
        assert!(
            start >= view.left && end <= view.right,
            "{name}: label {start:.1}..{end:.1} outside the viewBox {view:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 13);
}
