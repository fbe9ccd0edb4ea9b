package sqlstore

// padBatch lengthens s to the next power of two by repeating its last
// element, so that a statement built for a batch of n takes one of a few
// shapes, each prepared once per connection (conn.stmt), rather than one
// shape per batch size. A repeat changes nothing in an IN list or a CASE.
func padBatch[T any](s []T) []T {
	n := 1
	for n < len(s) {
		n *= 2
	}
	if len(s) == 0 || n == len(s) {
		return s
	}
	out := make([]T, n)
	copy(out, s)
	for i := len(s); i < n; i++ {
		out[i] = s[len(s)-1]
	}
	return out
}
