//! Bounds on the work one page's template may do, so a runaway theme stops with an error.
//!
//! Tera cannot be interrupted, so the bounds sit where a template's work comes from:
//!
//! * loops over numbers: `range` is replaced by a version that yields at most
//!   [`RANGE_LIMIT`] items per call and [`PAGE_RANGE_BUDGET`] items per page, so nested
//!   loops over ranges end quickly with an error (a range written with literal numbers above
//!   the limit is refused when the theme is loaded, with its line);
//! * output: a page is written through a writer that fails past [`PAGE_BYTES_LIMIT`], so a
//!   loop over the course's data that prints without end stops instead of filling memory.
//!
//! Recursion (a template including itself, a macro calling itself) is refused when the theme is
//! loaded ([`super::template_graph`]): it would overflow the stack, which cannot be caught.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::Write;

use tera::{Context, Tera, Value};

/// Most items one `range(…)` call may yield.
pub(crate) const RANGE_LIMIT: usize = 10_000;

/// Most items all the `range(…)` calls of one page may yield together.
pub(crate) const PAGE_RANGE_BUDGET: usize = 1_000_000;

/// Largest page a template may produce, in bytes.
pub(crate) const PAGE_BYTES_LIMIT: usize = 64 << 20;

thread_local! {
    /// Range items the page being rendered on this thread may still produce.
    static RANGE_ITEMS_LEFT: Cell<usize> = const { Cell::new(PAGE_RANGE_BUDGET) };
}

/// Renders `template` into bytes within the page limits.
pub(crate) fn render_page(
    tera: &Tera,
    template: &str,
    context: &Context,
) -> anyhow::Result<Vec<u8>> {
    RANGE_ITEMS_LEFT.with(|left| left.set(PAGE_RANGE_BUDGET));
    let mut out = LimitedWriter::new(PAGE_BYTES_LIMIT);
    let result = tera.render_to(template, context, &mut out);
    if out.overflowed {
        return Err(page_too_large(template));
    }
    result?;
    Ok(out.bytes)
}

/// The error of a page past [`PAGE_BYTES_LIMIT`], made with `template`.
pub(crate) fn page_too_large(template: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "template {template} produced more than {} MiB for one page, so it was stopped; look for a loop in the theme's templates that never ends, or split an episode that is this large into several",
        PAGE_BYTES_LIMIT >> 20
    )
}

/// Tera's `range(start=0, end, step_by=1)`, bounded by [`RANGE_LIMIT`] and the page's budget.
pub(crate) fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |name: &str, default: Option<usize>| -> tera::Result<usize> {
        match args.get(name) {
            Some(value) => value.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(|| {
                tera::Error::msg(format!(
                    "`range` received {name}={value}, but {name} must be a whole number of at least 0"
                ))
            }),
            None => default.ok_or_else(|| tera::Error::msg("`range` needs an `end` argument")),
        }
    };
    let start = number("start", Some(0))?;
    let end = number("end", None)?;
    let step = number("step_by", Some(1))?;
    if step == 0 {
        return Err(tera::Error::msg(
            "`range` received step_by=0; the step must be at least 1",
        ));
    }
    if start > end {
        return Err(tera::Error::msg(format!(
            "`range` received start={start} greater than end={end}"
        )));
    }
    let items = (end - start).div_ceil(step);
    if items > RANGE_LIMIT {
        return Err(tera::Error::msg(format!(
            "`range` would yield {items} items; a template may loop over at most {RANGE_LIMIT}"
        )));
    }
    let allowed = RANGE_ITEMS_LEFT.with(|left| {
        let remaining = left.get();
        left.set(remaining.saturating_sub(items));
        items <= remaining
    });
    if !allowed {
        return Err(tera::Error::msg(format!(
            "the `range` loops of this page yield more than {PAGE_RANGE_BUDGET} items together; look for nested loops that never end"
        )));
    }
    Ok(Value::Array(
        (start..end).step_by(step).map(Value::from).collect(),
    ))
}

/// Collects bytes and fails once more than `limit` are written.
struct LimitedWriter {
    bytes: Vec<u8>,
    limit: usize,
    overflowed: bool,
}

impl LimitedWriter {
    fn new(limit: usize) -> Self {
        Self {
            bytes: Vec::new(),
            limit,
            overflowed: false,
        }
    }
}

impl Write for LimitedWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.overflowed = true;
            return Err(std::io::Error::other("the page is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(template: &str) -> Tera {
        let mut tera = Tera::default();
        tera.register_function("range", range);
        tera.add_raw_template("t.html", template).expect("compiles");
        tera
    }

    #[test]
    fn range_behaves_like_teras_within_the_limit() {
        let out = render_page(
            &tera("{% for i in range(start=2, end=11, step_by=3) %}{{ i }},{% endfor %}"),
            "t.html",
            &Context::new(),
        )
        .expect("renders");
        assert_eq!(out, b"2,5,8,");
    }

    #[test]
    fn nested_ranges_stop_at_the_page_budget() {
        let started = std::time::Instant::now();
        let err = render_page(
            &tera("{% for i in range(end=10000) %}{% for j in range(end=10000) %}{% endfor %}{% endfor %}"),
            "t.html",
            &Context::new(),
        )
        .unwrap_err();
        assert!(
            format!("{err:#}").contains("yield more than 1000000 items together"),
            "{err:#}"
        );
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn a_range_above_the_limit_or_with_a_zero_step_is_an_error() {
        for template in [
            "{% for i in range(end=n) %}{% endfor %}",
            "{% for i in range(end=3, step_by=0) %}{% endfor %}",
        ] {
            let mut context = Context::new();
            context.insert("n", &(RANGE_LIMIT + 1));
            assert!(
                render_page(&tera(template), "t.html", &context).is_err(),
                "{template}"
            );
        }
    }

    #[test]
    fn output_past_the_limit_stops_the_page() {
        let mut out = LimitedWriter::new(4);
        assert!(out.write_all(b"abc").is_ok());
        assert!(out.write_all(b"de").is_err());
        assert!(out.overflowed);
        assert_eq!(out.bytes, b"abc");
    }
}
