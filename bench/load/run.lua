-- wrk script: synchronous runs of the five-node pipeline.
wrk.method = "POST"
wrk.body = '{"text": "hello weft"}'
wrk.headers["Content-Type"] = "application/json"
