// Command ferretdb-local runs FerretDB 1.x, a MongoDB-wire-compatible server, storing its
// data in a PostgreSQL database.
//
// It embeds FerretDB's public `ferretdb` package instead of `go install`-ing FerretDB's own command:
// the module proxy ships that command without its generated build/version/version.txt, and the
// binary then panics at start-up. An embedding program is exactly the case FerretDB supports.
//
// PostgreSQL rather than FerretDB's SQLite backend: on SQLite every query of the event store
// scanned the whole collection (17 times slower at a few thousand events) and concurrent
// writers failed with SQLITE_BUSY.
package main

import (
	"context"
	"flag"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL database to store the data in")
	flag.Parse()

	if *postgresURL == "" {
		log.Fatal("-postgresql-url is required")
	}

	// FerretDB logs every command it does not support (such as the drivers' endSessions) as a
	// warning; errors are what the stack's log is for.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	log.Printf("ferretdb-local listening on %s", *listen)
	if err := f.Run(ctx); err != nil {
		log.Fatal(err)
	}
}
