// The fake OpenAI-compatible server lives in src/testing so the benchmark (built from src/) can use it too.
export * from '../../src/testing/fake-llm-server.js';
