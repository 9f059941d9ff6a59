#!/usr/bin/env node
// The `hub-gateway` command: a committed file, so the bin link exists before the first build (a
// bin pointing into `dist` would make every fresh workspace install warn), running the built
// gateway under plain node.
import '../dist/main.js';
