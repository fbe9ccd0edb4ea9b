MODULE := $(shell go list -m)
GOTEST ?= go test

.PHONY: run build generate test test-all bench bench-http bench-go lint

run: ## serve on SQLite at data/registrar.db; email lands in /dev/mailbox
	go run ./cmd/registrar serve

build:
	CGO_ENABLED=0 go build -trimpath -o bin/registrar ./cmd/registrar

generate:
	go tool templ generate

test: ## fast suite: SQLite, fakes, fuzz seed corpus; browser tests skip
	$(GOTEST) -short -count=1 ./...

test-all: lint ## everything CI runs: race detector, PostgreSQL when configured, browser tests
	$(GOTEST) -race -count=1 -timeout 30m ./...

bench: bench-http bench-go ## sign-ups over real HTTP against a bare baseline, then the Go benchmarks

# The real server and a bare net/http+SQLite baseline, each on a fresh file,
# c=64 for 20 s after a warm-up; with REGISTRAR_TEST_DATABASE_URL set, the
# server is also measured on a fresh PostgreSQL database.
bench-http: build
	CGO_ENABLED=0 go build -trimpath -o bin/signupbaseline ./cmd/signupbaseline
	CGO_ENABLED=0 go build -trimpath -o bin/loadgen ./cmd/loadgen
	bin/loadgen $(LOADGEN_FLAGS)
	@if [ -n "$$REGISTRAR_TEST_DATABASE_URL" ]; then bin/loadgen -baseline= -postgres "$$REGISTRAR_TEST_DATABASE_URL" $(LOADGEN_FLAGS); fi

bench-go: ## sign-up path, pages with 10,000 registrations and outbox throughput, in process; rate limit off
	REGISTRAR_SIGNUP_RATE_LIMIT=0 $(GOTEST) -run='^$$' -bench=. -benchmem -count=1 ./...

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	go vet ./...
	go tool templ generate >/dev/null 2>&1 && git diff --exit-code -- '*_templ.go'
	@! go list -f '{{join .Imports "\n"}}' ./workflows/... | grep -v '^$(MODULE)/workflows' | grep -E '^[^/]*\.|^$(MODULE)/|^net/http|^database/sql' \
		|| { echo "workflows/ must import only the standard library (not net/http or database/sql)"; exit 1; }
