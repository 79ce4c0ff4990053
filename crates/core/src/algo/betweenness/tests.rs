use super::*;
use crate::algo::fixtures::und as undirected;
use proptest::prelude::*;

/// Plain BFS distances from `s` (`u32::MAX` where unreachable), kept here so the tests
/// do not depend on where the crate's own helpers live.
fn bfs_distances(g: &Csr, s: u32) -> Vec<u32> {
    let mut dist = vec![u32::MAX; g.node_count()];
    let mut queue = std::collections::VecDeque::from([s]);
    dist[s as usize] = 0;
    while let Some(v) = queue.pop_front() {
        for &w in g.neighbours(v) {
            if dist[w as usize] == u32::MAX {
                dist[w as usize] = dist[v as usize] + 1;
                queue.push_back(w);
            }
        }
    }
    dist
}

/// Shortest-path counts from `s` along `g` (0 where unreachable).
fn path_counts(g: &Csr, s: u32, dist: &[u32]) -> Vec<f64> {
    let n = g.node_count();
    let mut by_dist: Vec<u32> = (0..n as u32)
        .filter(|&v| dist[v as usize] != u32::MAX)
        .collect();
    by_dist.sort_by_key(|&v| dist[v as usize]);
    let mut sigma = vec![0.0; n];
    sigma[s as usize] = 1.0;
    for &v in &by_dist {
        for &w in g.neighbours(v) {
            if dist[w as usize] == dist[v as usize] + 1 {
                sigma[w as usize] += sigma[v as usize];
            }
        }
    }
    sigma
}

/// The definition over pairs: v is on a shortest s–t path iff d(s,v) + d(v,t) = d(s,t), and
/// then carries σ(s,v)·σ(v,t) of its σ(s,t) paths. Unscaled, sources restricted to `sources`.
fn naive_raw(g: &Csr, sources: &[u32]) -> Vec<f64> {
    let n = g.node_count();
    let dist: Vec<Vec<u32>> = (0..n as u32).map(|s| bfs_distances(g, s)).collect();
    let sigma: Vec<Vec<f64>> = (0..n as u32)
        .map(|s| path_counts(g, s, &dist[s as usize]))
        .collect();
    let mut b = vec![0.0; n];
    for &s in sources {
        let s = s as usize;
        for t in 0..n {
            if t == s || dist[s][t] == u32::MAX {
                continue;
            }
            for v in 0..n {
                if v == s || v == t || dist[s][v] == u32::MAX || dist[v][t] == u32::MAX {
                    continue;
                }
                if dist[s][v] + dist[v][t] == dist[s][t] {
                    b[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
                }
            }
        }
    }
    b
}

fn close(got: &[f64], want: &[f64]) -> bool {
    got.len() == want.len()
        && got
            .iter()
            .zip(want)
            .all(|(g, w)| (g.is_nan() && w.is_nan()) || (g - w).abs() <= 1e-12 * w.abs().max(1.0))
}

#[test]
fn small_graphs_by_hand() {
    let b = |c: &Csr| betweenness(View::Undirected(c), Work::default()).unwrap();
    assert!(b(&undirected(0, &[])).is_empty());
    assert_eq!(b(&undirected(1, &[])), vec![0.0]);
    assert_eq!(b(&undirected(2, &[(0, 1)])), vec![0.0, 0.0]);
    // Star: the centre is on every one of the 3·2 ordered leaf pairs.
    assert_eq!(
        b(&undirected(4, &[(0, 1), (0, 2), (0, 3)])),
        vec![1.0, 0.0, 0.0, 0.0]
    );
    let k4 = undirected(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
    assert_eq!(b(&k4), vec![0.0; 4]);
    // A 4-cycle: each node carries half of the one pair across it, both ways: 1 / (3·2).
    let c4 = undirected(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
    assert!(close(&b(&c4), &[1.0 / 6.0; 4]));
    // Two paths of three and an isolated node: n = 7 scales by 1/30.
    let two = undirected(7, &[(0, 1), (1, 2), (3, 4), (4, 5)]);
    assert!(close(
        &b(&two),
        &[0.0, 2.0 / 30.0, 0.0, 0.0, 2.0 / 30.0, 0.0, 0.0]
    ));
}

#[test]
fn directed_follows_edges() {
    // 0 → 1 → 2: only (0, 2) passes 1; n = 3 scales by 1/2.
    let out = Csr::from_pairs(3, [(0, 1), (1, 2)].into_iter());
    let inn = Csr::from_pairs(3, [(1, 0), (2, 1)].into_iter());
    let view = View::Directed {
        out: &out,
        inn: &inn,
    };
    assert_eq!(
        betweenness(view, Work::default()).unwrap(),
        vec![0.0, 0.5, 0.0]
    );
}

#[test]
fn sampled_scales_as_networkx() {
    let path = undirected(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
    let view = View::Undirected(&path);
    assert_eq!(
        betweenness_sampled(view, 5, 1, Work::default()).unwrap(),
        betweenness(view, Work::default()).unwrap()
    );
    assert_eq!(
        betweenness_sampled(view, 0, 1, Work::default()),
        Err(AlgoError::InvalidArgument(
            "betweenness sample needs at least one source".into()
        ))
    );
    for seed in 0..20 {
        let src = sample(5, 1, seed);
        let b = betweenness_sampled(view, 1, seed, Work::default()).unwrap();
        assert!(b[src[0] as usize].is_nan());
        let src = sample(5, 3, seed);
        let mut want = naive_raw(&path, &src);
        rescale(&mut want, Some(&src));
        assert!(close(
            &betweenness_sampled(view, 3, seed, Work::default()).unwrap(),
            &want
        ));
    }
}

#[test]
fn samples_are_distinct_sorted_and_seeded() {
    for (n, k) in [(10, 10), (100, 7), (1, 1), (1000, 999)] {
        let s = sample(n, k, 42);
        assert_eq!(s.len(), k);
        assert!(s.windows(2).all(|w| w[0] < w[1]));
        assert!(s.iter().all(|&x| (x as usize) < n));
        assert_eq!(s, sample(n, k, 42));
    }
    assert_ne!(sample(1000, 10, 1), sample(1000, 10, 2));
}

#[test]
fn same_bits_on_any_number_of_threads() {
    let edges: Vec<(u32, u32)> = (0..2000u32)
        .flat_map(|i| [(i, (i * 7919 + 13) % 2000), (i, (i + 1) % 2000)])
        .collect();
    let out = Csr::from_pairs(2000, edges.iter().copied());
    let inn = Csr::from_pairs(2000, edges.iter().map(|&(a, b)| (b, a)));
    let und = undirected(2000, &edges);
    let sources: Vec<u32> = (0..2000).collect();
    for view in [
        View::Undirected(&und),
        View::Directed {
            out: &out,
            inn: &inn,
        },
    ] {
        let runs: Vec<Vec<u64>> = [(1, false), (1, true), (2, true), (4, true)]
            .iter()
            .map(|&(k, par)| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(k)
                    .build()
                    .unwrap();
                pool.install(|| brandes(view, &sources, Work::default(), Some(par)))
                    .unwrap()
                    .into_iter()
                    .map(f64::to_bits)
                    .collect()
            })
            .collect();
        assert!(runs.iter().all(|r| *r == runs[0]));
    }
}

#[test]
fn stops_when_cancelled() {
    let flag = std::sync::atomic::AtomicBool::new(true);
    let csr = undirected(3, &[(0, 1)]);
    assert_eq!(
        betweenness(View::Undirected(&csr), Work::new(&flag)),
        Err(AlgoError::Interrupted)
    );
}

proptest! {
    #[test]
    fn equals_the_pair_definition(n in 1usize..40, edges in proptest::collection::vec((0u32..40, 0u32..40), 0..120), directed: bool, seed: u64, k in 1usize..40) {
        let edges: Vec<(u32, u32)> = edges.into_iter().filter(|e| (e.0 as usize) < n && (e.1 as usize) < n).collect();
        let out = Csr::from_pairs(n, edges.iter().copied());
        let inn = Csr::from_pairs(n, edges.iter().map(|&(a, b)| (b, a)));
        let und = undirected(n, &edges);
        let view = if directed { View::Directed { out: &out, inn: &inn } } else { View::Undirected(&und) };
        let all: Vec<u32> = (0..n as u32).collect();
        let mut want = naive_raw(view.out(), &all);
        rescale(&mut want, None);
        for par in [false, true] {
            let mut got = brandes(view, &all, Work::default(), Some(par)).unwrap();
            rescale(&mut got, None);
            prop_assert!(close(&got, &want), "{:?} vs {:?}", got, want);
        }
        prop_assert!(close(&betweenness(view, Work::default()).unwrap(), &want));
        if k < n {
            let src = sample(n, k, seed);
            let mut want = naive_raw(view.out(), &src);
            rescale(&mut want, Some(&src));
            prop_assert!(close(&betweenness_sampled(view, k, seed, Work::default()).unwrap(), &want));
        }
    }
}

#[test]
fn reports_progress_per_source() {
    let seen = std::sync::atomic::AtomicU64::new(0);
    let report = |done: u64, total: u64| {
        assert_eq!(total, 50);
        seen.fetch_max(done, std::sync::atomic::Ordering::Relaxed);
    };
    let csr = undirected(50, &(0..49).map(|i| (i, i + 1)).collect::<Vec<_>>());
    betweenness(
        View::Undirected(&csr),
        Work::default().with_progress(&report),
    )
    .unwrap();
    assert_eq!(seen.into_inner(), 50);
}
