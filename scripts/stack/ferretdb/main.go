// Command ferretdb-local runs FerretDB 1.x, a MongoDB-wire-compatible server, on a SQLite directory.
//
// It embeds FerretDB's public `ferretdb` package instead of `go install`-ing FerretDB's own command:
// the module proxy ships that command without its generated build/version/version.txt, and the
// binary then panics at start-up. An embedding program is exactly the case FerretDB supports.
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
	sqliteDir := flag.String("sqlite-dir", "", "existing directory for the SQLite databases")
	flag.Parse()

	if *sqliteDir == "" {
		log.Fatal("-sqlite-dir is required")
	}

	// FerretDB logs every command it does not support (such as the drivers' endSessions) as a
	// warning; errors are what the stack's log is for.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + *sqliteDir + "/",
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	log.Printf("ferretdb-local listening on %s, data in %s", *listen, *sqliteDir)
	if err := f.Run(ctx); err != nil {
		log.Fatal(err)
	}
}
