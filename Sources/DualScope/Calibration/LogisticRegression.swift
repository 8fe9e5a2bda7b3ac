import Foundation

/// An L2-regularised logistic regression over dense and sparse features, fitted by L-BFGS.
///
/// Deterministic: full-batch gradients summed in row order, a fixed starting point and a fixed
/// line search, so the same rows give the same weights on any machine and thread count.
struct LogisticProblem {
  /// Dense features, `denseWidth` a row.
  var dense: [Double] = []
  var denseWidth: Int
  /// Sparse features in compressed rows: columns and values of row `i` are at `rowStart[i] ..< rowStart[i+1]`.
  var rowStart: [Int] = [0]
  var columns: [Int32] = []
  var values: [Double] = []
  var sparseWidth: Int
  var labels: [Double] = []
  /// Sample weights, summing to 1 after ``normalise()``.
  var weights: [Double] = []
  var l2Dense: Double
  var l2Sparse: Double

  var rows: Int { labels.count }
  /// Parameters: bias, dense weights, sparse weights.
  var parameterCount: Int { 1 + denseWidth + sparseWidth }

  mutating func normalise() {
    let total = weights.reduce(0, +)
    if total > 0 { for i in weights.indices { weights[i] /= total } }
  }

  func margin(_ theta: [Double], row i: Int) -> Double {
    var z = theta[0]
    let base = i * denseWidth
    for j in 0..<denseWidth { z += theta[1 + j] * dense[base + j] }
    let offset = 1 + denseWidth
    for k in rowStart[i]..<rowStart[i + 1] { z += theta[offset + Int(columns[k])] * values[k] }
    return z
  }

  /// The objective and its gradient.
  func objective(_ theta: [Double], gradient g: inout [Double]) -> Double {
    for j in g.indices { g[j] = 0 }
    var loss = 0.0
    let offset = 1 + denseWidth
    for i in 0..<rows {
      let z = margin(theta, row: i)
      let y = labels[i]
      // log(1 + e^z) - y z, computed stably.
      loss += weights[i] * ((z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - y * z)
      let p = 1 / (1 + exp(-z))
      let r = weights[i] * (p - y)
      g[0] += r
      let base = i * denseWidth
      for j in 0..<denseWidth { g[1 + j] += r * dense[base + j] }
      for k in rowStart[i]..<rowStart[i + 1] { g[offset + Int(columns[k])] += r * values[k] }
    }
    for j in 0..<denseWidth {
      loss += 0.5 * l2Dense * theta[1 + j] * theta[1 + j]
      g[1 + j] += l2Dense * theta[1 + j]
    }
    for j in 0..<sparseWidth {
      let t = theta[offset + j]
      loss += 0.5 * l2Sparse * t * t
      g[offset + j] += l2Sparse * t
    }
    return loss
  }

  /// Minimises the objective with L-BFGS (memory 10) and a backtracking Armijo line search.
  func fit(iterations: Int, start: [Double]? = nil) -> [Double] {
    let n = parameterCount
    var x = start ?? Array(repeating: 0, count: n)
    if start == nil {
      // Start the bias at the weighted base rate.
      var positive = 0.0
      for i in 0..<rows { positive += weights[i] * labels[i] }
      let rate = min(max(positive, 1e-4), 1 - 1e-4)
      x[0] = log(rate / (1 - rate))
    }
    var g = Array(repeating: 0.0, count: n)
    var f = objective(x, gradient: &g)
    let memory = 10
    var sList: [[Double]] = []
    var yList: [[Double]] = []
    var rhoList: [Double] = []
    var newG = Array(repeating: 0.0, count: n)
    var d = Array(repeating: 0.0, count: n)
    var alpha = Array(repeating: 0.0, count: memory)
    for iteration in 0..<iterations {
      // Two-loop recursion: d = -H g.
      for j in 0..<n { d[j] = -g[j] }
      let m = sList.count
      if m > 0 {
        for k in stride(from: m - 1, through: 0, by: -1) {
          var a = 0.0
          for j in 0..<n { a += sList[k][j] * d[j] }
          a *= rhoList[k]
          alpha[k] = a
          for j in 0..<n { d[j] -= a * yList[k][j] }
        }
        var sy = 0.0
        var yy = 0.0
        for j in 0..<n {
          sy += sList[m - 1][j] * yList[m - 1][j]
          yy += yList[m - 1][j] * yList[m - 1][j]
        }
        let gamma = yy > 0 ? sy / yy : 1
        for j in 0..<n { d[j] *= gamma }
        for k in 0..<m {
          var b = 0.0
          for j in 0..<n { b += yList[k][j] * d[j] }
          b *= rhoList[k]
          for j in 0..<n { d[j] += sList[k][j] * (alpha[k] - b) }
        }
      }
      var slope = 0.0
      for j in 0..<n { slope += g[j] * d[j] }
      if slope >= 0 {
        // Not a descent direction: restart from the gradient.
        for j in 0..<n { d[j] = -g[j] }
        slope = 0
        for j in 0..<n { slope -= g[j] * g[j] }
        sList.removeAll()
        yList.removeAll()
        rhoList.removeAll()
      }
      var step = 1.0
      if iteration == 0 && sList.isEmpty {
        var norm = 0.0
        for j in 0..<n { norm += g[j] * g[j] }
        step = min(1, 1 / max(norm.squareRoot(), 1e-12))
      }
      var trial = x
      var newF = 0.0
      var accepted = false
      for _ in 0..<30 {
        for j in 0..<n { trial[j] = x[j] + step * d[j] }
        newF = objective(trial, gradient: &newG)
        if newF <= f + 1e-4 * step * slope {
          accepted = true
          break
        }
        step *= 0.5
      }
      guard accepted else { break }
      var s = Array(repeating: 0.0, count: n)
      var y = Array(repeating: 0.0, count: n)
      var sy = 0.0
      for j in 0..<n {
        s[j] = trial[j] - x[j]
        y[j] = newG[j] - g[j]
        sy += s[j] * y[j]
      }
      let change = f - newF
      x = trial
      swap(&g, &newG)
      f = newF
      if sy > 1e-12 {
        if sList.count == memory {
          sList.removeFirst()
          yList.removeFirst()
          rhoList.removeFirst()
        }
        sList.append(s)
        yList.append(y)
        rhoList.append(1 / sy)
      }
      var gnorm = 0.0
      for j in 0..<n { gnorm = max(gnorm, abs(g[j])) }
      if gnorm < 1e-7 || change < 1e-10 * max(1, abs(f)) { break }
    }
    return x
  }
}
