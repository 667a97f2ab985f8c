//! Whole documents side by side — a batch of sources, numbered copies — on plain threads, one a
//! core, never as rayon jobs.
//!
//! A document's own drawing runs on rayon: krilla's fonts and pages, and the PDF beside the other
//! formats. A rayon worker that waits there for another job runs other rayon jobs meanwhile, on
//! its own stack. Were whole documents rayon jobs too, a worker could take up document after
//! document, each one waiting inside the last, until its stack overflowed: it did, at a batch of
//! 200 speeches. From plain threads, each thread has one document in rayon at a time, so no
//! worker ever holds more documents than there are threads.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `render` of every item, on as many plain threads as the machine has cores, each taking the
/// next item as it finishes one; the results in the items' order. A panic in `render` is
/// resumed on the calling thread.
pub fn map_documents<T: Sync, R: Send>(items: &[T], render: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len()).max(1);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            return done;
                        };
                        done.push((index, render(item)));
                    }
                })
            })
            .collect();
        let mut all: Vec<(usize, R)> = workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        all.sort_by_key(|(index, _)| *index);
        all.into_iter().map(|(_, result)| result).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::map_documents;

    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(
            map_documents(&items, |n| n * 2),
            (0..1000).map(|n| n * 2).collect::<Vec<_>>()
        );
        assert!(map_documents(&[] as &[u32], |n| *n).is_empty());
    }

    #[test]
    fn documents_run_on_plain_threads_not_rayon_workers() {
        let items = [1, 2, 3, 4];
        let in_rayon = map_documents(&items, |_| rayon::current_thread_index().is_some());
        assert_eq!(in_rayon, [false; 4]);
    }
}
