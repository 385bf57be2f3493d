"""The designer: the Streamlit page where a team writes its questions, sees its cards and
downloads them. It calls the engine (cardkit) through a few entry points."""
