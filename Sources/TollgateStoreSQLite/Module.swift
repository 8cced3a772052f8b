// Module TollgateStoreSQLite: see docs and DESIGN.md. Sources are added per concept.
