from services.common.server import serve

from .service import SPEC

serve(SPEC)
