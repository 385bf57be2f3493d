"""The designer's front door: an ASGI layer in front of Streamlit (designer_app.py mounts it
with st.App) that decides, for every request and WebSocket, who reaches what before any
script runs. Requests in; Streamlit's answer, a refusal, or one of its own Dutch pages out.

- With sign-in on, a visitor who is not signed in gets the sign-in page and nothing else:
  no session, no upload, no media file; an ended sign-in counts as none (`signin`).
- Every page has a budget of messages and every person a number of open pages, so that no
  visitor can take the process down (`budget`, `throttle`); uploads have a budget per page
  and per person.
- Downloads and pictures go only to the browser whose page shows them.
- Every answer carries the security headers (`headers`).
"""
